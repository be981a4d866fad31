// Endpoint: the local WebSocket server PSR streams calls to. Start/stop it, see its URL and
// certificate fingerprint, change its settings, and act on the calls it is serving.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointSettings, EndpointStatus } from '../../../shared/contract/endpoint';
import { api, useEvent } from '../api/client';
import { useAction } from '../use-action';
import { CallActions } from '../components/endpoint/CallActions';
import { RecentCalls } from '../components/endpoint/RecentCalls';
import { SettingsForm } from '../components/endpoint/SettingsForm';
import '../styles/endpoint.css';
import { formatTime } from '../i18n/format';

export function EndpointScreen() {
  const { t } = useTranslation('endpoint');
  const [status, setStatus] = useState<EndpointStatus | null>(null);
  const action = useAction();
  const { busy, error } = action;
  const [note, setNote] = useState('');
  const draft = useRef<Partial<EndpointSettings>>({});
  const onDraft = useCallback((p: Partial<EndpointSettings>) => {
    draft.current = p;
  }, []);

  useEffect(() => {
    void api['endpoint:status']().then(setStatus);
  }, []);
  useEvent('endpoint:changed', setStatus);

  const run = (fn: () => Promise<EndpointStatus>) => action.run(fn, setStatus);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote(t('copied'));
    } catch {
      setNote(t('copyFailed'));
    }
  };

  const running = status?.running ?? false;
  return (
    <section aria-labelledby="endpoint-title" className="endpoint-screen">
      <h1 id="endpoint-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="panel" aria-labelledby="endpoint-status-title">
        <h2 id="endpoint-status-title">{t('status')}</h2>
        <p role="status" aria-label={t('state')} className={running ? 'endpoint-running' : 'endpoint-stopped'}>
          {running ? t('running') : t('stopped')}
        </p>
        {status?.localUrl && (
          <div className="row">
            <span>{t('localUrl')}:</span>
            <code aria-label={t('localUrl')}>{status.localUrl}</code>
            <button type="button" onClick={() => void copy(status.localUrl!)}>
              {t('copyUrl')}
            </button>
          </div>
        )}
        {status?.publicUrl && (
          <div className="row">
            <span>{t('publicUrl')}:</span>
            <code aria-label={t('publicUrl')}>{status.publicUrl}</code>
            <button type="button" onClick={() => void copy(status.publicUrl!)}>
              {t('copyPublicUrl')}
            </button>
          </div>
        )}
        {status?.fingerprint256 && (
          <div className="row">
            <span>{t(status.certSource === 'user' ? 'fingerprintUser' : 'fingerprint')}:</span>
            <code aria-label={t('fingerprint')} className="endpoint-fingerprint">
              {status.fingerprint256}
            </code>
          </div>
        )}
        {status?.upstreamUrl && <p className="note">{t('tapOn', { url: status.upstreamUrl })}</p>}
        {status && <p className="note">{t('recordingsIn', { dir: status.recordingsDir })}</p>}
        <div className="row">
          {!running ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void run(() => api['endpoint:start'](draft.current))}>
              {t('start')}
            </button>
          ) : (
            <>
              <button type="button" className="danger" disabled={busy} onClick={() => void run(() => api['endpoint:stop']())}>
                {t('stop')}
              </button>
              <button type="button" disabled={busy} onClick={() => void run(() => api['endpoint:start'](draft.current))}>
                {t('restart')}
              </button>
            </>
          )}
        </div>
        <div role="status" aria-live="polite" className="muted">
          {note}
        </div>
        {error && (
          <div role="alert" className="endpoint-error">
            {error}
          </div>
        )}
      </div>

      <div className="panel">
        <h2 id="endpoint-calls-title">{t('calls')}</h2>
        {status && status.calls.length === 0 && <p className="muted">{t('noActiveCalls')}</p>}
        {status && status.calls.length > 0 && (
          <ul aria-labelledby="endpoint-calls-title" className="endpoint-calls">
            {status.calls.map((c) => (
              <li key={c.callId} aria-label={t('callItem', { callId: c.callId })}>
                <div className="row">
                  <strong>{c.callId}</strong>
                  <span className="muted">
                    {t('callInfo', { tenant: c.tenant ?? '—', channel: c.channel ?? '?', time: formatTime(c.startedAt) })}
                  </span>
                  {c.tapMode && <span className="endpoint-badge">{t('tap')}</span>}
                </div>
                <CallActions call={c} />
              </li>
            ))}
          </ul>
        )}
        <RecentCalls activeIds={status?.calls.map((c) => c.callId) ?? []} />
      </div>

      <SettingsForm running={running} onDraft={onDraft} />
      {status && (
        <p className="note">
          {t('limits', { maxPayload: Math.round(status.limits.maxPayload / 1024 / 1024), soft: Math.round(status.limits.softFrameLimit / 1024), max: status.limits.maxConnections })}
        </p>
      )}
    </section>
  );
}
