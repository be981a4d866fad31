// The answer to a create-stream request: call id, status, recordings, or the coded failure with the body verbatim.
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../shared/contract/psr';
import { usePresenter } from '../../presenter';
import { ConnectionStatus } from './ConnectionStatus';
import { useErrorText } from './issues';
import { maskKnown } from './mask';
import { RecordingLink } from './RecordingLink';
import { formatDateTime, formatNumber } from '../../i18n/format';

export function ResponsePanel(props: { entry: HistoryEntry | null }) {
  const { t } = useTranslation('psr');
  const presenter = usePresenter();
  const errorText = useErrorText();
  const e = props.entry;
  const hide = (s: string) => (presenter && e ? maskKnown(s, [e.request.destination, e.request.extension]) : s);
  const failure = e?.error ? errorText(e.error.code, e.error.message, { profile: e.profileName, ...e.error.params }) : null;

  return (
    <section className="panel response-panel" aria-labelledby="psr-response-title">
      <h2 id="psr-response-title">{t('response.title')}</h2>
      {!e && <p className="muted">{t('response.empty')}</p>}
      {e && (
        <>
          <dl className="kv">
            <dt>{t('response.sentAt')}</dt>
            <dd>{formatDateTime(e.at)}</dd>
            <dt>{t('response.profile')}</dt>
            <dd>{e.profileName}</dd>
            <dt>{t('response.http')}</dt>
            <dd>{e.status ?? '—'}</dd>
          </dl>
          <p className="note">{t('response.duration', { ms: formatNumber(e.durationMs) })}</p>
          {e.connection && <ConnectionStatus connection={e.connection} />}
          {e.response && (
            <>
              <dl className="kv">
                <dt>{t('response.callId')}</dt>
                <dd>
                  <output aria-label={t('response.callId')}>{e.response.data.call_id}</output>
                </dd>
                <dt>{t('response.status')}</dt>
                <dd>{e.response.data.status ?? '—'}</dd>
              </dl>
              <h3>{t('response.recordings')}</h3>
              {e.response.data.full_recording_url && (
                <RecordingLink key={`full-${e.id}`} label={t('response.full')} url={e.response.data.full_recording_url} profileId={e.profileId} />
              )}
              {e.response.data.recording_url && (
                <RecordingLink key={`mixed-${e.id}`} label={t('response.mixed')} url={e.response.data.recording_url} profileId={e.profileId} />
              )}
            </>
          )}
          {e.error && (
            <div role="alert" className="response-error">
              <strong>
                {t('response.failed')}: [{e.error.code}] {failure!.headline}
              </strong>
              {failure!.detail && <p className="note">{hide(failure!.detail)}</p>}
              <h3>{t('response.body')}</h3>
              <pre className="raw">{e.error.body !== null ? hide(e.error.body) : t('response.noBody')}</pre>
            </div>
          )}
          {e.rawBody !== null && (
            <details>
              <summary>{t('response.raw')}</summary>
              <pre className="raw">{hide(e.rawBody)}</pre>
            </details>
          )}
        </>
      )}
    </section>
  );
}
