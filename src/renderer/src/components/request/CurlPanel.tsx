// "Copy as cURL": the exact multipart request; $PSR_TOKEN unless the user reveals the token on purpose.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PsrRequest } from '../../../../shared/psr/request';
import { api, ApiError } from '../../api/client';
import { usePresenter } from '../../presenter';
import { useErrorText } from './issues';
import { maskKnown } from './mask';

export function CurlPanel(props: { request: PsrRequest; profileId: string | null; disabled: boolean }) {
  const { t } = useTranslation('psr');
  const presenter = usePresenter();
  const errorText = useErrorText();
  const [reveal, setReveal] = useState(false);
  const [command, setCommand] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revealed = reveal && !presenter;
  const requestKey = JSON.stringify(props.request);

  // A shown command describes the request as it was; once the request changes it is stale.
  useEffect(() => {
    setCommand(null);
    setStatus(null);
  }, [requestKey, presenter]);

  const build = async () => {
    setError(null);
    setStatus(null);
    try {
      const r = await api['psr:curl']({ request: props.request, revealToken: revealed, ...(props.profileId ? { profileId: props.profileId } : {}) });
      // Presenter mode masks the numbers on screen only: the copied command stays runnable (real
      // values; the token is $PSR_TOKEN because revealing is off in presenter mode).
      setCommand(presenter ? maskKnown(r.command, [props.request.destination, props.request.extension]) : r.command);
      try {
        await navigator.clipboard.writeText(r.command);
        setStatus(t('curl.copied'));
      } catch {
        /* clipboard may be unavailable (permissions); the command is shown for manual copy */
      }
    } catch (e) {
      setCommand(null);
      if (e instanceof ApiError) {
        const x = errorText(e.code, e.message);
        setError(`${x.headline} ${x.detail}`);
      } else setError(String(e));
    }
  };

  return (
    <div className="curl-panel">
      <div className="row">
        <button type="button" onClick={() => void build()} disabled={props.disabled}>
          {t('curl.button')}
        </button>
        <label>
          <input type="checkbox" checked={revealed} disabled={presenter} onChange={(e) => setReveal(e.target.checked)} /> {t('curl.reveal')}
        </label>
        {presenter && <span className="note">{t('curl.revealDisabled')}</span>}
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
          <p className="note">{revealed ? t('curl.revealedNote') : t('curl.note')}</p>
          {presenter && <p className="note">{t('curl.maskedNote')}</p>}
          {status && <p role="status">{status}</p>}
        </div>
      )}
    </div>
  );
}
