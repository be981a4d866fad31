// The newest calls of the call library, for Home: when, how long, how fast the bot answered.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../../shared/contract/calls';
import { api, useEvent } from '../../api/client';
import { errorText } from '../../errors';
import { describeEndReason } from '../../i18n/describe';
import { formatDateTime, formatNumber, formatSeconds } from '../../i18n/format';

const SHOWN = 5;

export function RecentCalls({ openLibrary }: { openLibrary: () => void }) {
  const { t } = useTranslation(['home', 'stage']);
  const [calls, setCalls] = useState<CallSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api['calls:list']().then(
      (r) => {
        setCalls(r.calls.slice(0, SHOWN));
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useEvent('calls:changed', refresh);

  return (
    <section className="panel home-recent" aria-labelledby="home-recent-title">
      <div className="row home-recent-head">
        <h2 id="home-recent-title">{t('recent.title')}</h2>
        <button type="button" className="linkish" onClick={openLibrary}>
          {t('recent.all')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {calls && calls.length === 0 && <p className="muted">{t('recent.none')}</p>}
      {calls && calls.length > 0 && (
        <table aria-labelledby="home-recent-title">
          <thead>
            <tr>
              <th scope="col">{t('recent.when')}</th>
              <th scope="col">{t('recent.duration')}</th>
              <th scope="col">{t('recent.turns')}</th>
              <th scope="col">{t('recent.median')}</th>
              <th scope="col">{t('recent.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.callId}>
                <td>{c.startedAt ? formatDateTime(c.startedAt) : '—'}</td>
                <td>{c.durationMs === null ? '—' : t('stage:seconds', { value: formatSeconds(c.durationMs) })}</td>
                <td>{formatNumber(c.turns.count)}</td>
                <td>{c.turns.medianMs === null ? '—' : t('stage:ms', { value: formatNumber(c.turns.medianMs) })}</td>
                <td>{c.live ? t('recent.live') : describeEndReason(c.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
