// "Copy as cURL": the exact multipart request with $PSR_TOKEN. The desktop app also offers "copy with
// token": main writes that text to the clipboard itself, so the token never reaches this page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PsrRequest } from '../../../../shared/psr/request';
import { api, ApiError, isDesktop } from '../../api/client';
import { usePresenter } from '../../presenter';
import { useErrorText } from './issues';
import { maskKnown } from './mask';

export function CurlPanel(props: { request: PsrRequest; profileId: string | null; disabled: boolean }) {
  const { t } = useTranslation('psr');
  const presenter = usePresenter();
  const errorText = useErrorText();
  const [command, setCommand] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestKey = JSON.stringify(props.request);

  // A shown command describes the request as it was; once the request changes it is stale.
  useEffect(() => {
    setCommand(null);
    setStatus(null);
  }, [requestKey, presenter]);

  const showError = (e: unknown) => {
    if (e instanceof ApiError) {
      const x = errorText(e.code, e.message, e.params);
      setError(`${x.headline} ${x.detail}`);
    } else setError(String(e));
  };

  const copyWithToken = async () => {
    setError(null);
    setStatus(null);
    try {
      await api['psr:copyCurlWithToken']({ request: props.request, ...(props.profileId ? { profileId: props.profileId } : {}) });
      setStatus(t('curl.copiedWithToken'));
    } catch (e) {
      showError(e);
    }
  };

  const build = async () => {
    setError(null);
    setStatus(null);
    try {
      const r = await api['psr:curl']({ request: props.request, ...(props.profileId ? { profileId: props.profileId } : {}) });
      // Presenter mode masks the numbers on screen only: the copied command stays runnable (real
      // values; the token is always $PSR_TOKEN here).
      setCommand(presenter ? maskKnown(r.command, [props.request.destination, props.request.extension]) : r.command);
      try {
        await navigator.clipboard.writeText(r.command);
        setStatus(t('curl.copied'));
      } catch {
        /* clipboard may be unavailable (permissions); the command is shown for manual copy */
      }
    } catch (e) {
      setCommand(null);
      showError(e);
    }
  };

  return (
    <div className="curl-panel">
      <div className="row">
        <button type="button" onClick={() => void build()} disabled={props.disabled}>
          {t('curl.button')}
        </button>
        {isDesktop && (
          <button type="button" onClick={() => void copyWithToken()} disabled={props.disabled || presenter}>
            {t('curl.copyWithToken')}
          </button>
        )}
        {isDesktop && presenter && <span className="note">{t('curl.revealDisabled')}</span>}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {command !== null && (
        <div>
          <label className="field">
            <span>{t('curl.title')}</span>
            <textarea readOnly rows={Math.min(14, command.split('\n').length + 1)} value={command} className="curl-command" />
          </label>
          <p className="note">{t('curl.note')}</p>
          {presenter && <p className="note">{t('curl.maskedNote')}</p>}
          {status && <p role="status">{status}</p>}
        </div>
      )}
      {command === null && status && <p role="status">{status}</p>}
    </div>
  );
}
