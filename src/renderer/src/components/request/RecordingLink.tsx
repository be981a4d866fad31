// One recording of a call: downloaded through the main process (with the profile's Authorization),
// then playable and savable here. A 404 while the call runs means "not ready yet", with a retry.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { base64ToBytes, formatBytes, wavBlobUrl } from './bytes';
import { useErrorText } from './issues';

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'ready'; url: string | null; path: string; size: number; name: string }
  | { kind: 'notReady' }
  | { kind: 'failed'; headline: string; detail: string };

export function RecordingLink(props: { label: string; url: string; profileId: string }) {
  const { t } = useTranslation('psr');
  const errorText = useErrorText();
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => () => {
    if (state.kind === 'ready' && state.url) URL.revokeObjectURL(state.url);
  }, [state]);

  const fetchIt = async () => {
    setState({ kind: 'busy' });
    try {
      const r = await api['psr:fetchRecording']({ url: props.url, profileId: props.profileId });
      const name = r.path.split(/[\\/]/).pop() ?? 'recording.wav';
      setState({ kind: 'ready', url: r.inlined ? wavBlobUrl(base64ToBytes(r.dataBase64), r.contentType) : null, path: r.path, size: r.size, name });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PSR_RECORDING_NOT_READY') setState({ kind: 'notReady' });
      else if (e instanceof ApiError) setState({ kind: 'failed', ...errorText(e.code, e.message, e.params) });
      else setState({ kind: 'failed', headline: String(e), detail: '' });
    }
  };

  return (
    <div className="recording">
      <div className="row">
        <span className="recording-label">{props.label}</span>
        {state.kind === 'idle' && (
          <button type="button" onClick={() => void fetchIt()}>
            {t('response.download', { what: props.label })}
          </button>
        )}
        {state.kind === 'busy' && <span role="status">{t('response.fetching')}</span>}
      </div>
      {state.kind === 'notReady' && (
        <div role="status" className="field-warning row">
          {t('response.notReady')}
          <button type="button" onClick={() => void fetchIt()}>
            {t('response.retry', { what: props.label })}
          </button>
        </div>
      )}
      {state.kind === 'failed' && (
        <div role="alert" className="field-error">
          {state.headline} {state.detail && <span className="note">{state.detail}</span>}{' '}
          <button type="button" onClick={() => void fetchIt()}>
            {t('response.retry', { what: props.label })}
          </button>
        </div>
      )}
      {state.kind === 'ready' && (
        <div>
          {state.url ? (
            <div className="row">
              <audio controls src={state.url} aria-label={t('response.player', { what: props.label })} />
              <a className="button-link" href={state.url} download={state.name}>
                {t('response.save')} ({formatBytes(state.size)})
              </a>
            </div>
          ) : (
            <p>{t('response.tooLarge', { path: state.path })}</p>
          )}
          <p className="note">{t('response.saved', { path: state.path })}</p>
        </div>
      )}
    </div>
  );
}
