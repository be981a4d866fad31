// Endpoint settings: where to listen, TLS, public URL (tunnel), tap-mode upstream, greeting.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndpointSettings } from '../../../../shared/contract/endpoint';
import { api } from '../../api/client';
import { fileToSource, useFileErrorText } from './file-source';
import { useAction } from '../../use-action';

type Draft = { host: string; port: string; path: string; tls: boolean; certPath: string; keyPath: string; publicUrl: string; upstreamUrl: string };

function toDraft(s: EndpointSettings): Draft {
  return { host: s.host, port: String(s.port), path: s.path, tls: s.tls, certPath: s.certPath ?? '', keyPath: s.keyPath ?? '', publicUrl: s.publicUrl ?? '', upstreamUrl: s.upstreamUrl ?? '' };
}

export function toPatch(d: Draft): Partial<EndpointSettings> {
  const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
  return { host: d.host.trim(), port: Number(d.port), path: d.path.trim(), tls: d.tls, certPath: orNull(d.certPath), keyPath: orNull(d.keyPath), publicUrl: orNull(d.publicUrl), upstreamUrl: orNull(d.upstreamUrl) };
}

export function SettingsForm(props: { running: boolean; onDraft: (patch: Partial<EndpointSettings>) => void }) {
  const { t } = useTranslation('endpoint');
  const id = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [greeting, setGreeting] = useState<string | null>(null);
  const { error, run: act } = useAction(useFileErrorText());
  const [saved, setSaved] = useState('');
  const { onDraft } = props;

  useEffect(() => {
    void api['endpoint:getSettings']().then((s) => {
      setDraft(toDraft(s));
      setGreeting(s.greetingPath);
    });
  }, []);
  useEffect(() => {
    if (draft) onDraft(toPatch(draft));
  }, [draft, onDraft]);

  if (!draft) return <p className="muted">{t('common:loading')}</p>;
  const set = (k: keyof Draft) => (e: { target: { value: string; checked?: boolean } }) =>
    setDraft({ ...draft, [k]: k === 'tls' ? Boolean(e.target.checked) : e.target.value });
  const text = (k: Exclude<keyof Draft, 'tls'>, type = 'text', hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{t(`settings.${k}`)}</label>
      <input id={`${id}-${k}`} type={type} value={draft[k]} onChange={set(k)} aria-describedby={hint ? `${id}-${k}-hint` : undefined} />
      {hint && (
        <span id={`${id}-${k}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
  const run = (fn: () => Promise<string>) => act(fn, setSaved);

  return (
    <form
      className="panel endpoint-settings"
      aria-label={t('settings.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => (await api['endpoint:saveSettings'](toPatch(draft)), t('settings.saved')));
      }}
    >
      <h2>{t('settings.title')}</h2>
      <div className="endpoint-grid">
        {text('host', 'text', t('settings.hostHint'))}
        {text('port', 'number')}
        {text('path')}
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={draft.tls} onChange={set('tls')} /> {t('settings.tls')}
        </label>
        <span className="hint">{t('settings.tlsHint')}</span>
      </div>
      {draft.tls && (
        <div className="endpoint-grid">
          {text('certPath', 'text', t('settings.certHint'))}
          {text('keyPath')}
        </div>
      )}
      {text('publicUrl', 'url', t('settings.publicUrlHint'))}
      {text('upstreamUrl', 'url', t('settings.upstreamHint'))}
      <div className="field">
        <label htmlFor={`${id}-greeting`}>{t('settings.greeting')}</label>
        <div className="row">
          <input
            id={`${id}-greeting`}
            type="file"
            accept=".wav,audio/wav"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void run(async () => {
                const s = await api['endpoint:setGreeting']({ file: await fileToSource(f) });
                setGreeting(s.greetingPath);
                return t('settings.greetingSet', { name: f.name });
              });
            }}
          />
          <span aria-label={t('settings.greetingCurrent')}>{greeting ? greeting.split(/[\\/]/).pop() : t('settings.noGreeting')}</span>
          {greeting && (
            <button type="button" onClick={() => void run(async () => (setGreeting((await api['endpoint:setGreeting']({ file: null })).greetingPath), t('settings.greetingCleared')))}>
              {t('settings.clearGreeting')}
            </button>
          )}
        </div>
        <span className="hint">{t('settings.greetingHint')}</span>
      </div>
      <div className="row">
        <button type="submit">{t('settings.save')}</button>
        {props.running && <span className="note">{t('settings.restartNote')}</span>}
      </div>
      <div role="status" aria-live="polite" className="muted">
        {saved}
      </div>
      {error && (
        <div role="alert" className="endpoint-error">
          {error}
        </div>
      )}
    </form>
  );
}
