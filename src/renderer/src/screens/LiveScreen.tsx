// The screen people keep open while a call runs: meters, turn latency, listening, timeline, log.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Leg } from '../../../shared/contract/live';
import { api } from '../api/client';
import { EventLog } from '../components/live/EventLog';
import { ListenPanel } from '../components/live/ListenPanel';
import { MeterBank } from '../components/live/MeterBank';
import { Timeline } from '../components/live/Timeline';
import { TurnLatency } from '../components/live/TurnLatency';
import { CallQuality } from '../components/live/CallQuality';
import { useLiveQuality } from '../components/live/use-live-quality';
import { useEndedCall } from '../components/live/use-ended-call';
import { RecordingDownloads } from '../components/library/RecordingDownloads';
import { useLegNames } from '../components/live/leg-names';
import { useCallApp } from '../components/live/use-call-apps';
import { useCallActivity } from '../components/live/use-call-activity';
import { useCallClock, useLiveCalls } from '../components/live/use-live-calls';
import { StageView } from '../components/stage/StageView';
import { setStageOpen, useStageOpen } from '../components/stage/stage-route';
import { usePhone } from '../presenter';
import '../styles/live.css';
import { describeEndReason } from '../i18n/describe';

const LEG_ORDER: Leg[] = ['A', 'B', 'botOut'];

export function LiveScreen({ navigate }: { navigate: (id: string) => void }) {
  const { t } = useTranslation('live');
  const { calls, selected, select, following } = useLiveCalls();
  const callId = selected?.started.callId ?? null;
  const legsKey = selected ? LEG_ORDER.filter((l) => selected.started.legs.includes(l)).join(',') : '';
  const legs = useMemo(() => (legsKey ? (legsKey.split(',') as Leg[]) : []), [legsKey]);
  const activity = useCallActivity(callId);
  const clock = useCallClock(callId);
  const phone = usePhone();
  const legName = useLegNames(useCallApp(callId));
  const endedCall = useEndedCall(callId, selected?.ended ?? false);
  const liveQuality = useLiveQuality(callId);
  const stage = useStageOpen();
  const leaveStage = useCallback(() => setStageOpen(false), []);

  return (
    <section aria-labelledby="screen-title" className="live-screen">
      {stage && <StageView call={selected} activity={activity} onLeave={leaveStage} />}
      <div className="live-head">
        <h1 id="screen-title">{t('title')}</h1>
        {selected && (
          <button type="button" onClick={() => setStageOpen(true)} title={t('stage:openHint')}>
            {t('stage:open')}
          </button>
        )}
        {calls.length > 0 && (
          <label>
            {t('pickCall')}{' '}
            <select value={following ? '' : (callId ?? '')} onChange={(e) => select(e.target.value || null)}>
              <option value="">{t('followNewest')}</option>
              {calls.map((c) => (
                <option key={c.started.callId} value={c.started.callId}>
                  {c.started.callId} · {t(`source.${c.started.source}`)} · {c.ended ? t('ended') : t('running')}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!selected || !callId ? (
        <div className="panel empty-live">
          <p>{t('empty')}</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => navigate('home')}>
              {t('goHome')}
            </button>
            <button type="button" onClick={() => navigate('library')}>
              {t('goLibrary')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <div className="row call-head">
            <p className="call-facts" role="status">
              <span>
                {t('facts.call')}: <code>{callId}</code>
              </span>
              <span>
                {t('facts.source')}: {t(`source.${selected.started.source}`)}
              </span>
              {selected.started.tenant && (
                <span>
                  {t('facts.tenant')}: {phone(selected.started.tenant)}
                </span>
              )}
              {selected.started.channel && (
                <span>
                  {t('facts.channel')}: {selected.started.channel}
                </span>
              )}
              <span className={selected.ended ? 'state-ended' : 'state-live'}>
                {selected.ended ? t('endedWith', { reason: describeEndReason(selected.reason) }) : t('running')}
              </span>
            </p>
            {selected.started.source === 'replay' && !selected.ended && (
              <button type="button" onClick={() => void api['calls:stopReplay']({ replayCallId: callId }).catch(() => {})}>
                {t('stopReplay')}
              </button>
            )}
          </div>
          <div className="live-grid">
            <section className="panel meters" aria-labelledby="meters-title">
              <h2 id="meters-title">{t('meters')}</h2>
              <MeterBank callId={callId} legs={legs} legName={legName} />
            </section>
            <TurnLatency summary={activity.summary} turns={activity.turns} />
          </div>
          {/* Keys unique among siblings: a shared key left the old call's panel behind on a switch. */}
          <ListenPanel key={`listen-${callId}`} callId={callId} legs={legs} ended={selected.ended} legName={legName} />
          {endedCall && endedCall.recordings.length > 0 && (
            <section className="panel" aria-labelledby="live-recording-title">
              <h2 id="live-recording-title">{t('recording')}</h2>
              <RecordingDownloads callId={callId} recording={endedCall.recordings[0]!} legName={legName} />
            </section>
          )}
          <CallQuality stats={selected.ended ? (endedCall?.stats ?? liveQuality) : liveQuality} running={!selected.ended} measured={selected.started.source !== 'campaign'} />
          <Timeline legs={legs} activity={activity} clock={clock} ended={selected.ended} legName={legName} />
          <EventLog key={`log-${callId}`} callId={callId} live={!selected.ended} />
        </>
      )}
    </section>
  );
}
