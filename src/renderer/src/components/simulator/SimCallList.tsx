// Recent simulated calls: state, what the bot did, what was ignored, "Customer hangs up", recordings.
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimCallView } from '../../../../shared/contract/simulator';
import { api } from '../../api/client';
import { attachCall, openPhone, usePhoneState } from '../../audio/mic-phone';
import { errorText } from '../../errors';
import { usePhone } from '../../presenter';
import { RecordingPlayer } from './RecordingPlayer';
import { englishOf } from '../../../../shared/call-log';
import { describeEndReason, describeLogLine } from '../../i18n/describe';
import { formatNumber, formatTime, isoTime } from '../../i18n/format';

const live = (c: SimCallView) => c.state === 'ringing' || c.state === 'in-progress';
const short = (id: string) => id.slice(0, 8);
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ×${formatNumber(n)}`)
    .join(', ');

const MASKED = new Set(['number', 'extension']);

/** A line of a simulated call's log in the UI language; numbers and extensions masked like the table's. */
function logLineText(l: SimCallView['log'][number], mask: (n: string) => string): string {
  const m = l.msg;
  if (!m) return describeLogLine({ summary: l.text, ...(l.code ? { code: l.code } : {}) });
  const params = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, MASKED.has(k) && typeof v === 'string' ? mask(v) : v]));
  const msg = { code: m.code, params };
  return describeLogLine({ summary: englishOf(msg), ...(l.code ? { code: l.code } : {}), msg });
}

export function SimCallList({ calls }: { calls: SimCallView[] }) {
  const { t } = useTranslation('simulator');
  const phone = usePhoneState();
  const mask = usePhone();
  const [playing, setPlaying] = useState<{ callId: string; kind: 'full' | 'mixed' } | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (calls.length === 0) return <p className="muted">{t('noCalls')}</p>;
  return (
    <>
      {error && (
        <p role="alert" className="sim-error">
          {error}
        </p>
      )}
      <table className="sim-calls" aria-label={t('calls')}>
        <thead>
          <tr>
            <th scope="col">{t('col.started')}</th>
            <th scope="col">{t('col.state')}</th>
            <th scope="col">{t('col.app')}</th>
            <th scope="col">{t('col.destination')}</th>
            <th scope="col">{t('col.legB')}</th>
            <th scope="col">{t('col.reason')}</th>
            <th scope="col">{t('col.frames')}</th>
            <th scope="col">{t('col.actions')}</th>
            <th scope="col">{t('col.problems')}</th>
            <th scope="col">{t('col.controls')}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <Fragment key={c.callId}>
              <tr data-call-id={c.callId} data-state={c.state}>
                <td>
                  <time dateTime={isoTime(c.createdAt)}>{formatTime(c.createdAt)}</time>{' '}
                  <code title={c.callId}>{short(c.callId)}</code> {c.demo && <span className="sim-tag">{t('demoTag')}</span>}
                </td>
                <td>
                  <span className={`sim-state sim-state-${c.state}`}>{t(`states.${c.state}`)}</span>
                </td>
                <td>{c.app}</td>
                <td>{mask(c.destination)}</td>
                <td>{t(`legBMode.${c.legB}`)}</td>
                <td>{c.reason ? describeEndReason(c.reason) : ''}</td>
                <td>{formatNumber(c.framesSent)}</td>
                <td>{counts(c.actions) || t('none')}</td>
                <td>{counts(c.garbage) || t('none')}</td>
                <td className="sim-controls">
                  {live(c) && (
                    <button type="button" className="danger" aria-label={t('customerHangsUpLabel', { id: short(c.callId) })} onClick={() => void act(() => api['simulator:hangup']({ callId: c.callId }))}>
                      {t('customerHangsUp')}
                    </button>
                  )}
                  {live(c) && c.legB === 'mic' && phone.callId !== c.callId && (
                    <button type="button" onClick={() => void act(async () => (await openPhone(), attachCall(c.callId)))}>
                      {t('useMic')}
                    </button>
                  )}
                  {c.recordingsReady && (
                    <>
                      <button type="button" aria-label={t('playFullLabel', { id: short(c.callId) })} onClick={() => setPlaying({ callId: c.callId, kind: 'full' })}>
                        {t('playFull')}
                      </button>
                      <button type="button" aria-label={t('playMixedLabel', { id: short(c.callId) })} onClick={() => setPlaying({ callId: c.callId, kind: 'mixed' })}>
                        {t('playMixed')}
                      </button>
                    </>
                  )}
                  <button type="button" aria-expanded={openLog === c.callId} aria-controls={`sim-log-${c.callId}`} onClick={() => setOpenLog(openLog === c.callId ? null : c.callId)}>
                    {t('log')}
                  </button>
                </td>
              </tr>
              {playing?.callId === c.callId && (
                <tr>
                  <td colSpan={10}>
                    <RecordingPlayer key={playing.kind} callId={c.callId} kind={playing.kind} />
                  </td>
                </tr>
              )}
              {openLog === c.callId && (
                <tr>
                  <td colSpan={10}>
                    <ol id={`sim-log-${c.callId}`} className="sim-log" aria-label={t('logFor', { id: short(c.callId) })}>
                      {c.log.map((l, i) => (
                        <li key={i}>
                          <time dateTime={isoTime(l.at)}>{formatTime(l.at)}</time> {l.code && <code>{l.code}</code>} {logLineText(l, mask)}
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </>
  );
}
