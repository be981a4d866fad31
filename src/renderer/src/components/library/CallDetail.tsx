// One past call: facts, turn latency, waveform per recording with action markers, its log, and
// export / replay / delete.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CallDetail as Detail, RecordingRef } from '../../../../shared/contract/calls';
import { api } from '../../api/client';
import { errorText } from '../../errors';
import { EventLog } from '../live/EventLog';
import { MakeTestButton } from '../tests/MakeTestDialog';
import { useLegNames, type CallApp } from '../live/leg-names';
import { useCallApp } from '../live/use-call-apps';
import { CallQuality } from '../live/CallQuality';
import { RecordingDownloads } from './RecordingDownloads';
import { Waveform } from './Waveform';
import { formatDuration } from './format';
import { usePhone } from '../../presenter';
import { formatDateTime } from '../../i18n/format';
import { describeEndReason, describeError } from '../../i18n/describe';

export function CallDetail({ callId, onClose, onReplay, onDeleted }: { callId: string; onClose: () => void; onReplay: () => void; onDeleted: () => void }) {
  const { t } = useTranslation('library');
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [recordingId, setRecordingId] = useState<string | null>(null);
  const phone = usePhone();
  const legName = useLegNames(useCallApp(callId, appOf(detail?.request)));

  useEffect(() => {
    setDetail(null);
    api['calls:get']({ callId })
      .then(setDetail)
      .catch((e: unknown) => setError(errorText(e)));
  }, [callId]);

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const exportCall = () =>
    run('export', async () => {
      const r = await api['calls:export']({ callId });
      const url = URL.createObjectURL(new Blob([r.content], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  const s = detail?.summary;
  // One recording at a time: the endpoint's and the simulator's are usually the same audio.
  const shown = s?.recordings.find((r) => r.id === recordingId) ?? s?.recordings[0] ?? null;
  return (
    <section className="panel call-detail" aria-labelledby="call-detail-title">
      <div className="row detail-head">
        <h2 id="call-detail-title">{t('detailTitle', { id: callId })}</h2>
        <button type="button" onClick={onClose}>
          {t('backToList')}
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {!s ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <dl className="detail-facts">
            <div>
              <dt>{t('col.date')}</dt>
              <dd>{s.startedAt ? formatDateTime(s.startedAt) : '—'}</dd>
            </div>
            <div>
              <dt>{t('col.duration')}</dt>
              <dd>{formatDuration(s.durationMs)}</dd>
            </div>
            <div>
              <dt>{t('col.legs')}</dt>
              <dd>{s.legs.length ? s.legs.map(legName).join(', ') : '—'}</dd>
            </div>
            <div>
              <dt>{t('col.source')}</dt>
              <dd>{s.sources.map((x) => t(`source.${x}`)).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('turnLatency')}</dt>
              <dd>
                {s.turns.medianMs === null || s.turns.minMs === null || s.turns.p90Ms === null
                  ? t('noTurns')
                  : t('turnSummary', { median: Math.round(s.turns.medianMs), min: Math.round(s.turns.minMs), p90: Math.round(s.turns.p90Ms), count: s.turns.count })}
                {s.turns.bargeIns > 0 && ` · ${t('bargeIns', { count: s.turns.bargeIns })}`}
              </dd>
            </div>
            {s.reason && (
              <div>
                <dt>{t('reason')}</dt>
                <dd>{describeEndReason(s.reason)}</dd>
              </div>
            )}
          </dl>
          {/* Damaged files: what cannot be used, worded like any error (a damaged recording is not offered to play). */}
          {s.problems.map((p) => (
            <p key={`${p.part}-${p.recordingId ?? ''}`} className="field-error">
              {describeError(p)}
            </p>
          ))}
          <div className="row">
            <button type="button" disabled={!!busy} onClick={() => void exportCall()}>
              {t('export')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!!busy || !s.replayable}
              title={s.replayable ? undefined : t('notReplayable')}
              onClick={() =>
                void run('replay', async () => {
                  await api['calls:replay']({ callId });
                  onReplay();
                })
              }
            >
              {t('replay')}
            </button>
            <MakeTestButton callId={callId} disabled={!!busy || s.live} />
            {confirmDelete ? (
              <>
                <span>{t('confirmDelete')}</span>
                <button
                  type="button"
                  className="danger"
                  disabled={!!busy}
                  onClick={() =>
                    void run('delete', async () => {
                      await api['calls:delete']({ callId });
                      onDeleted();
                    })
                  }
                >
                  {t('deleteYes')}
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  {t('deleteNo')}
                </button>
              </>
            ) : (
              <button type="button" className="danger" disabled={!!busy || s.live || s.sources.every((x) => x === 'request')} onClick={() => setConfirmDelete(true)}>
                {t('delete')}
              </button>
            )}
          </div>
          {(detail.request !== null || detail.response !== null) && (
            <details className="request-details">
              <summary>{t('requestResponse')}</summary>
              <pre translate="no">{JSON.stringify({ request: maskRequest(detail.request, phone), response: detail.response }, null, 2)}</pre>
            </details>
          )}
          {s.recordings.length === 0 && !s.problems.some((p) => p.part === 'recording') && <p className="muted">{t('noRecording')}</p>}
          {s.recordings.length > 1 && (
            <label className="recording-pick">
              {t('recordingPick')}{' '}
              <select value={shown?.id ?? ''} onChange={(e) => setRecordingId(e.target.value)}>
                {s.recordings.map((r) => (
                  <option key={r.id} value={r.id}>
                    {recordingName(r, t)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {shown && <Waveform key={shown.id} callId={callId} recordingId={shown.id} label={recordingName(shown, t)} actions={detail.actions} />}
          {shown && <RecordingDownloads key={`dl-${shown.id}`} callId={callId} recording={shown} legName={legName} />}
          {s.quality !== undefined && s.quality !== null && <CallQuality stats={s.quality} />}
          {s.hasLog && (
            <div>
              <button type="button" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
                {showLog ? t('hideLog') : t('showLog')}
              </button>
              {showLog && <EventLog callId={callId} live={false} />}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** "Endpoint — both legs (A top, B bottom)": where the file comes from, and what it holds. */
function recordingName(r: RecordingRef, t: TFunction): string {
  const origin = r.id === 'endpoint' ? 'endpoint' : r.id.startsWith('sim-') ? 'simulator' : r.id.startsWith('imported-') ? 'imported' : 'other';
  return t('recordingName', { origin: t(`recordingOrigin.${origin}`), kind: t(`kind.${r.kind}`, { defaultValue: r.kind }) });
}

/** The app of the create-stream request behind the call, when it is known. */
function appOf(request: unknown): CallApp | null {
  const app = request && typeof request === 'object' ? (request as { app?: unknown }).app : null;
  return app === 'bot' || app === 'dial' ? app : null;
}

/** Presenter mode hides the numbers a request dials. */
function maskRequest(request: unknown, phone: (s: string) => string): unknown {
  if (!request || typeof request !== 'object') return request;
  const r = { ...(request as Record<string, unknown>) };
  for (const k of ['destination', 'extension']) if (typeof r[k] === 'string') r[k] = phone(r[k]);
  return r;
}
