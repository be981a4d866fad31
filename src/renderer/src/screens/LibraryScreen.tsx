// Past calls (endpoint, simulator, imported, create-stream history): open one to see its waveform,
// play it, read its log; export, import, replay, delete.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../shared/contract/calls';
import { api, maxRequestBytes, useEvent } from '../api/client';
import { errorText } from '../errors';
import { CallDetail } from '../components/library/CallDetail';
import { LibraryFilters } from '../components/library/LibraryFilters';
import { emptyFilter, filterCalls, isFiltering } from '../components/library/library-filter';
import { useLogSearch } from '../components/library/use-log-search';
import { qualityVerdict } from '../components/live/quality';
import { useCallApps } from '../components/live/use-call-apps';
import { formatDuration, formatLegs } from '../components/library/format';
import '../styles/live.css';
import '../styles/library.css';
import { formatDateTime, formatNumber } from '../i18n/format';

export function LibraryScreen({ navigate }: { navigate: (id: string) => void }) {
  const { t } = useTranslation('library');
  const [calls, setCalls] = useState<CallSummary[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [filter, setFilter] = useState(emptyFilter);
  const search = useLogSearch(calls, filter.text);
  const apps = useCallApps(calls);
  const shownCalls = useMemo(() => (calls ? filterCalls(calls, filter, search.hits) : []), [calls, filter, search.hits]);

  const refresh = useCallback(() => {
    api['calls:list']()
      .then((r) => setCalls(r.calls))
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  }, []);
  useEffect(refresh, [refresh]);
  useEvent('calls:changed', refresh);

  const importFile = async (file: File) => {
    setMessage(null);
    if (maxRequestBytes !== null && file.size > maxRequestBytes * 0.7) {
      // base64 audio inside the JSON grows when escaped again for the bridge: refuse before reading it.
      const mb = (n: number) => formatNumber(n / 1024 / 1024, 1);
      setMessage({ kind: 'error', text: t('importTooLarge', { name: file.name, size: mb(file.size), limit: mb(maxRequestBytes * 0.7) }) });
      return;
    }
    try {
      const { callId } = await api['calls:import']({ content: await file.text() });
      setMessage({ kind: 'ok', text: t('imported', { id: callId }) });
      setOpen(callId);
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };

  return (
    <section aria-labelledby="screen-title" className="library-screen">
      <div className="row library-head">
        <h1 id="screen-title">{t('title')}</h1>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          aria-label={t('importFile')}
          tabIndex={-1}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'field-error' : 'muted'}>
          {message.text}
        </p>
      )}
      {open ? (
        <CallDetail
          key={open}
          callId={open}
          onClose={() => setOpen(null)}
          onReplay={() => navigate('live')}
          onDeleted={() => {
            setOpen(null);
            setMessage({ kind: 'ok', text: t('deleted') });
          }}
        />
      ) : calls === null ? (
        <p>{t('loading')}</p>
      ) : calls.length === 0 ? (
        <p className="panel">{t('empty')}</p>
      ) : (
        <>
        <LibraryFilters calls={calls} value={filter} onChange={setFilter} />
        <p role="status" className="muted" aria-label={t('filter.label')}>
          {search.searching ? t('filter.searching') : isFiltering(filter) ? t('filter.count', { shown: shownCalls.length, total: calls.length }) : ''}
        </p>
        {shownCalls.length === 0 && !search.searching && <p className="panel">{t('filter.none')}</p>}
        <table aria-label={t('tableLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('col.date')}</th>
              <th scope="col">{t('col.callId')}</th>
              <th scope="col">{t('col.duration')}</th>
              <th scope="col">{t('col.legs')}</th>
              <th scope="col">{t('col.turnLatency')}</th>
              <th scope="col">{t('col.source')}</th>
              <th scope="col">{t('col.quality')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shownCalls.map((c) => (
              <tr key={c.callId}>
                <td>{c.startedAt ? formatDateTime(c.startedAt) : '—'}</td>
                <td>
                  <code>{c.callId}</code>
                </td>
                <td>{c.live ? t('live') : formatDuration(c.durationMs)}</td>
                <td>{formatLegs(c.legs, t, apps.get(c.callId) ?? null)}</td>
                <td>{c.turns.medianMs === null ? '—' : t('turnCell', { median: Math.round(c.turns.medianMs), count: c.turns.count })}</td>
                <td>{c.sources.map((s) => t(`source.${s}`)).join(', ')}</td>
                <td>{c.quality ? t(`quality.${qualityVerdict(c.quality)}`) : '—'}</td>
                <td>
                  <button type="button" onClick={() => setOpen(c.callId)} aria-label={t('openCall', { id: c.callId })}>
                    {t('open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </>
      )}
    </section>
  );
}
