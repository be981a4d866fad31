// The demo stage: the live call drawn for a room. Full window (the app underneath stops painting),
// large type, high contrast, a light theme for bright rooms. Esc or the button leaves it. It shows the
// live view's own data (the same call activity, the same turns), never a second computation.
import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { LiveCall } from '../../../../shared/contract/calls';
import { usePhone } from '../../presenter';
import type { CallActivity } from '../live/use-call-activity';
import '../../styles/stage.css';
import { bargeInTimes, stageState, type StageState } from './call-state';
import { describeEndReason } from '../../i18n/describe';
import { formatNumber } from '../../i18n/format';
import { gradeLatency } from './latency-grade';
import { legNameKey } from '../live/leg-names';
import { StageSettings } from './StageSettings';
import { StageTrack } from './StageTrack';
import { useCallFacts } from './use-call-facts';
import { useStagePrefs } from './use-stage-prefs';

export function StageView({ call, activity, onLeave }: { call: LiveCall | null; activity: CallActivity; onLeave: () => void }) {
  const { t } = useTranslation('stage');
  const phone = usePhone();
  const [prefs, changePrefs, prefsError] = useStagePrefs();
  const callId = call?.started.callId ?? null;
  const facts = useCallFacts(callId);
  const leaveRef = useRef<HTMLButtonElement>(null);
  const botName = t(legNameKey('A', facts.app, 'short'));
  const callerName = t(legNameKey('B', facts.app, 'short'));

  useEffect(() => {
    document.body.dataset.stage = 'open';
    leaveRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onLeave();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      delete document.body.dataset.stage;
      window.removeEventListener('keydown', onKey);
    };
  }, [onLeave]);

  const ended = call?.ended ?? false;
  const state = stageState(activity.voice, ended, call?.reason ?? null);
  const bargeIns = useMemo(() => bargeInTimes(activity.voice), [activity.voice]);
  const summary = activity.summary;
  const figure = (ms: number | null | undefined) => (ms === null || ms === undefined ? t('figures.none') : t('ms', { value: formatNumber(ms) }));
  const grade = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'none' : gradeLatency(ms, prefs.stageGoodMs, prefs.stageFairMs));

  return createPortal(
    <div className="stage" data-theme={prefs.stageTheme} role="dialog" aria-modal="true" aria-labelledby="stage-title">
      <header className="stage-head">
        <div className="stage-title-block">
          <h1 id="stage-title" className="stage-title">
            {t('title')}
          </h1>
          {facts.destination && <span className="stage-calling">{t('calling', { who: phone(facts.destination) })}</span>}
        </div>
        <p className={`stage-state state-${state.kind}`} role="status" aria-label={t('state.label')}>
          <span className="stage-state-dot" aria-hidden="true" />
          {call ? stateWords(state, t, botName, callerName) : t('noCall')}
        </p>
        <div className="stage-tools">
          <StageSettings prefs={prefs} change={changePrefs} error={prefsError} />
          <button type="button" ref={leaveRef} className="stage-leave" onClick={onLeave} aria-keyshortcuts="Escape">
            {t('leave')} <kbd aria-hidden="true">{t('leaveHint')}</kbd>
          </button>
        </div>
      </header>
      <div className="stage-figures">
        <div className={`stage-figure grade-${grade(summary?.lastMs)}`}>
          <span className="stage-figure-label" id="stage-current">
            {t('figures.current')}
          </span>
          <output className="stage-figure-value" aria-labelledby="stage-current">
            {figure(summary?.lastMs)}
          </output>
        </div>
        <div className={`stage-figure grade-${grade(summary?.medianMs)}`}>
          <span className="stage-figure-label" id="stage-median">
            {t('figures.median')}
          </span>
          <output className="stage-figure-value" aria-labelledby="stage-median">
            {figure(summary?.medianMs)}
          </output>
        </div>
        <div className="stage-figure stage-figure-small">
          <span className="stage-figure-label" id="stage-turns">
            {t('figures.turns')}
          </span>
          <output className="stage-figure-value" aria-labelledby="stage-turns">
            {formatNumber(summary?.count ?? 0)}
          </output>
        </div>
        <div className="stage-figure stage-figure-small">
          <span className="stage-figure-label" id="stage-barge-ins">
            {t('figures.bargeIns')}
          </span>
          <output className="stage-figure-value" aria-labelledby="stage-barge-ins">
            {formatNumber(summary?.bargeIns ?? 0)}
          </output>
        </div>
        <ul className="stage-legend" aria-label={t('legend.label')}>
          <li className="grade-good">{t('legend.good', { ms: t('ms', { value: formatNumber(prefs.stageGoodMs) }) })}</li>
          <li className="grade-fair">{t('legend.fair', { ms: t('ms', { value: formatNumber(prefs.stageFairMs) }) })}</li>
          <li className="grade-poor">{t('legend.poor', { ms: t('ms', { value: formatNumber(prefs.stageFairMs) }) })}</li>
        </ul>
      </div>
      <StageTrack
        callId={callId}
        ended={ended}
        voice={activity.voice}
        turns={activity.turns}
        bargeIns={bargeIns}
        goodMs={prefs.stageGoodMs}
        fairMs={prefs.stageFairMs}
        theme={prefs.stageTheme}
        botName={botName}
        callerName={callerName}
      />
    </div>,
    document.body,
  );
}

function stateWords(s: StageState, t: (k: string, o?: Record<string, string>) => string, bot: string, caller: string): string {
  switch (s.kind) {
    case 'waiting':
      return t('state.waiting');
    case 'speaking':
      return t('state.speaking', { who: s.leg === 'A' ? bot : caller });
    case 'overlap':
      return t('state.overlap', { bot, caller });
    case 'thinking':
      return t('state.thinking');
    case 'listening':
      return t('state.listening', { who: caller });
    case 'ended':
      return s.reason ? t('state.endedWhy', { why: describeEndReason(s.reason) }) : t('state.ended');
  }
}
