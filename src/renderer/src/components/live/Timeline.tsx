// A lane per leg showing when each side speaks, and the bot's actions as markers. While the call
// runs, the last 30 s scroll by; once it has ended the whole call fits the width.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Leg } from '../../../../shared/contract/live';
import { segmentsOf, type CallActivity } from './use-call-activity';
import type { CallClock } from './use-live-calls';
import { describeAction } from '../../i18n/describe';
import { formatSeconds } from '../../i18n/format';

const WINDOW_MS = 30_000;
const sec = (ms: number) => formatSeconds(ms);

export function Timeline({ legs, activity, clock, ended, legName }: { legs: Leg[]; activity: CallActivity; clock: CallClock; ended: boolean; legName: (leg: Leg) => string }) {
  const { t } = useTranslation('live');
  const [nowT, setNowT] = useState(clock.current);
  useEffect(() => {
    // Four updates a second are enough for lanes measured in tenths of seconds; once the call
    // has ended the clock is final, so read it at once (speech still open ends with the call).
    setNowT(clock.current);
    if (ended) return;
    const id = setInterval(() => setNowT(clock.current), 250);
    return () => clearInterval(id);
  }, [clock, ended]);

  // Only the lanes shown count: "Bot out" voice runs on the bot's own clock, ahead of the call.
  let lastEvent = 0;
  for (const v of activity.voice) if (legs.includes(v.leg) && v.t > lastEvent) lastEvent = v.t;
  for (const a of activity.actions) if (a.t > lastEvent) lastEvent = a.t;
  // Once the call has ended, the axis stops at the end of its audio (or its last event).
  const finalT = Math.max(nowT, activity.endT ?? 0) || lastEvent;
  const end = ended ? finalT : Math.max(nowT, lastEvent);
  const from = ended ? 0 : Math.max(0, end - WINDOW_MS);
  const to = ended ? Math.max(end, 1000) : Math.max(from + WINDOW_MS, end);
  const pos = (ms: number) => `${(((ms - from) / (to - from)) * 100).toFixed(3)}%`;
  const visible = ([s, e]: [number, number]) => e >= from && s <= to;

  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <div className="timeline-axis muted" aria-hidden="true">
        <span>{t('timeline.seconds', { s: sec(from) })}</span>
        <span>{t('timeline.seconds', { s: sec(to) })}</span>
      </div>
      {legs.map((leg) => {
        // Speech still "on" ends where that leg's audio was last seen, not at the call's now.
        const legEnd = clock.legs[leg] !== undefined ? Math.min(end, Math.max(clock.legs[leg]!, lastVoiceT(activity, leg))) : end;
        const segs = segmentsOf(activity.voice, leg, legEnd)
          .filter(visible)
          .map(([s, e]): [number, number] => [s, Math.min(e, to)]);
        return (
          <div className="lane" key={leg}>
            <span className="lane-name">{legName(leg)}</span>
            <ul className="lane-track" aria-label={t('timeline.lane', { leg: legName(leg) })}>
              {segs.map(([s, e]) => (
                <li
                  key={s}
                  className={`seg seg-${leg}`}
                  style={{ left: pos(Math.max(s, from)), width: `calc(${pos(Math.min(e, to))} - ${pos(Math.max(s, from))})` }}
                  aria-label={t('timeline.speech', { from: sec(s), to: sec(e) })}
                  title={t('timeline.speech', { from: sec(s), to: sec(e) })}
                />
              ))}
            </ul>
          </div>
        );
      })}
      <div className="lane">
        <span className="lane-name">{t('timeline.actions')}</span>
        <ul className="lane-track" aria-label={t('timeline.actionsLane')}>
          {activity.actions
            .filter((a) => a.t >= from && a.t <= to)
            .map((a) => (
              <li
                key={`${a.kind}-${a.t}-${a.at}`}
                className={`marker marker-${a.kind}`}
                // A marker at the very end (hangup) stays inside the lane.
                style={{ left: `min(${pos(a.t)}, calc(100% - 3px))` }}
                aria-label={t('timeline.action', { kind: a.kind, at: sec(a.t), detail: describeAction(a) })}
                title={t('timeline.action', { kind: a.kind, at: sec(a.t), detail: describeAction(a) })}
              />
            ))}
        </ul>
      </div>
    </section>
  );
}

function lastVoiceT(activity: CallActivity, leg: string): number {
  let t = 0;
  for (const v of activity.voice) if (v.leg === leg && v.t > t) t = v.t;
  return t;
}
