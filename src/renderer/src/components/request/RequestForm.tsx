// The create-stream fields, each with its meaning in place and its rule errors/warnings beside it.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { psrChannels, type PsrField, type PsrRequest, type PsrValidation } from '../../../../shared/psr/request';
import { api, ApiError } from '../../api/client';
import { maskPhone, usePresenter } from '../../presenter';
import { AudioFilePicker, type AudioChoice } from './AudioFilePicker';
import { FieldIssues } from './issues';
import { ParameterEditor } from './ParameterEditor';

export function RequestForm(props: {
  draft: PsrRequest;
  onDraft: (patch: Partial<PsrRequest>) => void;
  audio: AudioChoice | null;
  onAudio: (a: AudioChoice | null) => void;
  validation: PsrValidation;
  /** Fields whose errors are shown (touched, or all after a send attempt). */
  shown: (f: PsrField) => boolean;
  onTouch: (f: PsrField) => void;
}) {
  const { t } = useTranslation('psr');
  const presenter = usePresenter();
  const id = useId();
  const [localNote, setLocalNote] = useState<{ kind: 'ok' | 'warn'; text: string } | null>(null);
  const d = props.draft;
  const errors = props.validation.errors.filter((e) => props.shown(e.field));
  const warnings = props.validation.warnings;
  const ids = (f: PsrField) => ({ input: `${id}-${f}`, hint: `${id}-${f}-hint`, issues: `${id}-${f}-issues`, label: `${id}-${f}-label` });
  const invalid = (f: PsrField) => errors.some((e) => e.field === f);
  const describedBy = (f: PsrField) => `${ids(f).hint} ${ids(f).issues}`;

  const fillFromEndpoint = async () => {
    setLocalNote(null);
    try {
      const s = await api['endpoint:status']();
      const url = s.publicUrl ?? s.localUrl;
      if (!s.running || !url) {
        setLocalNote({ kind: 'warn', text: t('fields.url.localNotRunning') });
        return;
      }
      props.onDraft({ url });
      props.onTouch('url');
      setLocalNote({ kind: 'ok', text: t('fields.url.localFilled', { which: s.publicUrl ? t('fields.url.public') : t('fields.url.local') }) });
    } catch (e) {
      setLocalNote({ kind: 'warn', text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  const head = (f: PsrField, required: boolean) => (
    <>
      <label id={ids(f).label} htmlFor={ids(f).input}>
        {t(`fields.${f}.label`)} <span className="badge">{required ? t('required') : t('optional')}</span>
      </label>
      <span id={ids(f).hint} className="hint">
        {t(`fields.${f}.hint`)}
      </span>
    </>
  );
  const issues = (f: PsrField) => <FieldIssues id={ids(f).issues} field={f} errors={errors} warnings={warnings} />;

  return (
    <div className="request-form">
      <div className="field">
        {head('url', true)}
        <div className="row">
          <input
            id={ids('url').input}
            type="text"
            className="grow"
            value={d.url}
            placeholder="wss://bot.example.com/server/ws"
            spellCheck={false}
            aria-invalid={invalid('url')}
            aria-describedby={describedBy('url')}
            onChange={(e) => props.onDraft({ url: e.target.value })}
            onBlur={() => props.onTouch('url')}
          />
          <button type="button" onClick={() => void fillFromEndpoint()}>
            {t('fields.url.useLocal')}
          </button>
        </div>
        {localNote && (
          <p role="status" className={localNote.kind === 'ok' ? 'note' : 'field-warning'}>
            {localNote.text}
          </p>
        )}
        {issues('url')}
      </div>

      <div className="field">
        {head('destination', true)}
        <input
          id={ids('destination').input}
          type="text"
          inputMode="tel"
          autoComplete="off"
          value={presenter ? maskPhone(d.destination) : d.destination}
          readOnly={presenter}
          placeholder="0901234567"
          aria-invalid={invalid('destination')}
          aria-describedby={describedBy('destination')}
          onChange={(e) => props.onDraft({ destination: e.target.value })}
          onBlur={() => props.onTouch('destination')}
        />
        {presenter && <span className="note">{t('fields.destination.masked')}</span>}
        {issues('destination')}
      </div>

      <fieldset className="field" aria-describedby={describedBy('app')}>
        <legend>
          {t('fields.app.label')} <span className="badge">{t('optional')}</span>
        </legend>
        <span id={ids('app').hint} className="hint">
          {t('fields.app.hint')}
        </span>
        {(['dial', 'bot'] as const).map((a) => (
          <label key={a} className="choice">
            <input type="radio" name={`${id}-app`} value={a} checked={d.app === a} onChange={() => props.onDraft({ app: a })} /> {t(`fields.app.${a}`)}
          </label>
        ))}
        {issues('app')}
      </fieldset>

      <div className="field">
        {head('channel', false)}
        <select
          id={ids('channel').input}
          value={d.channel}
          aria-describedby={describedBy('channel')}
          onChange={(e) => props.onDraft({ channel: e.target.value as PsrRequest['channel'] })}
        >
          {psrChannels.map((c) => (
            <option key={c} value={c}>
              {t(`fields.channel.${c}`)}
            </option>
          ))}
        </select>
        {issues('channel')}
      </div>

      <div className="field">
        {head('extension', d.app === 'dial')}
        <input
          id={ids('extension').input}
          type="text"
          autoComplete="off"
          value={presenter ? maskPhone(d.extension) : d.extension}
          readOnly={presenter}
          placeholder="101"
          aria-invalid={invalid('extension')}
          aria-describedby={describedBy('extension')}
          onChange={(e) => props.onDraft({ extension: e.target.value })}
          onBlur={() => props.onTouch('extension')}
        />
        {issues('extension')}
      </div>

      <div className="field">
        <label id={ids('is_silence').label} className="choice">
          <input
            id={ids('is_silence').input}
            type="checkbox"
            checked={d.is_silence}
            aria-describedby={describedBy('is_silence')}
            onChange={(e) => props.onDraft({ is_silence: e.target.checked })}
          />{' '}
          {t('fields.is_silence.label')} <span className="badge">{t('optional')}</span>
        </label>
        <span id={ids('is_silence').hint} className="hint">
          {t('fields.is_silence.hint')}
        </span>
        {issues('is_silence')}
      </div>

      <div className="field" role="group" aria-labelledby={ids('audio_file').label}>
        <span id={ids('audio_file').label} className="field-title">
          {t('fields.audio_file.label')} <span className="badge">{t('optional')}</span>
        </span>
        <span id={ids('audio_file').hint} className="hint">
          {t('fields.audio_file.hint')}
        </span>
        <AudioFilePicker value={props.audio} onChange={props.onAudio} describedBy={describedBy('audio_file')} />
        {issues('audio_file')}
      </div>

      <div className="field">
        <span id={ids('parameter').label} className="field-title">
          {t('fields.parameter.label')} <span className="badge">{t('optional')}</span>
        </span>
        <span id={ids('parameter').hint} className="hint">
          {t('fields.parameter.hint')}
        </span>
        <ParameterEditor
          value={d.parameter}
          onChange={(v) => {
            props.onDraft({ parameter: v });
            props.onTouch('parameter');
          }}
          labelId={ids('parameter').label}
          describedBy={describedBy('parameter')}
          invalid={invalid('parameter')}
        />
        {issues('parameter')}
      </div>
    </div>
  );
}
