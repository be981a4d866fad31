// Whether PSR really connected after a 200: a 200 only means PSR accepted the request. Main watches
// when it can see the other end (the built-in simulator, or this console's endpoint) and this says
// what it saw, with the likely causes when nothing connected.
import { useTranslation } from 'react-i18next';
import type { PsrConnection } from '../../../../shared/contract/psr';
import { describeLogLine } from '../../i18n/describe';
import { formatNumber, formatSeconds } from '../../i18n/format';

const bad = (c: PsrConnection) => c.state === 'failed' || c.state === 'not-connected' || c.state === 'not-answered';

export function ConnectionStatus({ connection: c }: { connection: PsrConnection }) {
  const { t } = useTranslation('psr');
  const seconds = Math.round(c.watchMs / 1000);
  const secure = c.url.startsWith('wss:');
  const headline = t(`connection.${c.state}`, { seconds: formatNumber(seconds), after: c.afterMs === null ? '' : formatSeconds(c.afterMs), via: t(`connection.via.${c.via}`) });
  const detail = c.detail === null ? null : c.detailMsg ? describeLogLine({ summary: c.detail, msg: c.detailMsg }) : c.detail;
  return (
    <div role={bad(c) ? 'alert' : 'status'} aria-label={t('connection.label')} className={bad(c) ? 'response-error' : c.state === 'connected' ? 'connection-ok' : 'note'}>
      <strong>{headline}</strong>
      {detail && <p className="note">{t('connection.detail', { detail })}</p>}
      {(c.state === 'failed' || c.state === 'not-connected') && (
        <>
          <p className="note">{t('connection.causesTitle')}</p>
          <ul className="note">
            {c.via === 'endpoint' && <li>{t('connection.cause.reachable')}</li>}
            {c.via === 'endpoint' && <li>{t('connection.cause.tunnel')}</li>}
            {secure && <li>{t('connection.cause.certificate')}</li>}
            <li>{t('connection.cause.url')}</li>
            {c.via === 'simulator' && <li>{t('connection.cause.notRunning')}</li>}
          </ul>
        </>
      )}
    </div>
  );
}

/** Short words for the history's outcome column. */
export function connectionOutcome(c: PsrConnection | null | undefined, t: (k: string) => string): { text: string; bad: boolean } | null {
  if (!c) return null;
  return { text: t(`connection.short.${c.state}`), bad: bad(c) };
}
