// Calls this endpoint served that have ended, newest first: so "Active calls" being empty after a
// call does not read as if nothing ever came in. Read from the call library (one home for past calls).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../../shared/contract/calls';
import { api, useEvent } from '../../api/client';
import { describeEndReason } from '../../i18n/describe';
import { formatDuration, formatTime } from '../../i18n/format';

const SHOWN = 10;

export function RecentCalls({ activeIds }: { activeIds: readonly string[] }) {
  const { t } = useTranslation('endpoint');
  const [calls, setCalls] = useState<CallSummary[] | null>(null);
  const refresh = useCallback(() => {
    api['calls:list']()
      .then((r) => setCalls(r.calls.filter((c) => c.sources.includes('endpoint') && !c.live)))
      .catch(() => {});
  }, []);
  useEffect(refresh, [refresh]);
  useEvent('calls:changed', refresh);
  useEvent('call:ended', refresh);

  const recent = (calls ?? []).filter((c) => !activeIds.includes(c.callId)).slice(0, SHOWN);
  return (
    <div className="endpoint-recent">
      <h3 id="endpoint-recent-title">{t('recent.title')}</h3>
      {calls && recent.length === 0 && <p className="muted">{t('recent.none')}</p>}
      {recent.length > 0 && (
        <ul aria-labelledby="endpoint-recent-title" className="endpoint-calls">
          {recent.map((c) => (
            <li key={c.callId} aria-label={t('recent.item', { callId: c.callId })}>
              <div className="row">
                <strong>{c.callId}</strong>
                <span className="muted">
                  {t('recent.info', {
                    tenant: c.tenant ?? '—',
                    ended: c.endedAt ? formatTime(c.endedAt) : '—',
                    duration: formatDuration(c.durationMs),
                    reason: describeEndReason(c.reason),
                  })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {recent.length > 0 && <p className="note">{t('recent.inLibrary')}</p>}
    </div>
  );
}
