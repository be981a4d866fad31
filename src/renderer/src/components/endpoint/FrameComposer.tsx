// Send any JSON to PSR on an active call: templates from the action schema (SPEC §3), a check with
// the protocol module's reader that warns but never blocks (a developer may send a wrong frame on
// purpose, to see what PSR does), and the frames sent so far.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionTemplate, actionTemplateNames, readActionFrame } from '../../../../shared/psr-stream';
import { api } from '../../api/client';
import { describeLogLine } from '../../i18n/describe';
import { formatTime } from '../../i18n/format';
import { useAction } from '../../use-action';

/** Frames kept in the list of sent frames. */
const MAX_SENT = 20;

interface Sent {
  at: number;
  text: string;
  warning: string | null;
}

export function FrameComposer({ callId }: { callId: string }) {
  const { t } = useTranslation('endpoint');
  const te = useTranslation('errors').t;
  const id = useId();
  const [text, setText] = useState(JSON.stringify(actionTemplate('hangup')));
  const [sent, setSent] = useState<Sent[]>([]);
  const [status, setStatus] = useState('');
  const { error, busy, run } = useAction();

  const warning = useMemo(() => {
    if (!text.trim()) return null;
    const f = readActionFrame(text, false);
    if (f.type !== 'bad') return null;
    const detail = describeLogLine({ summary: f.detail, code: f.code, msg: { code: f.code, params: f.params } });
    return `[${f.code}] ${te(f.code, { defaultValue: '' })} ${detail}`.replace(/\s+/g, ' ').trim();
  }, [text, te]);

  const send = () =>
    run(async () => {
      const r = await api['endpoint:sendRaw']({ callId, text });
      setSent((list) => [{ at: Date.now(), text, warning }, ...list].slice(0, MAX_SENT));
      return t('composer.sent', { bytes: r.bytes });
    }, setStatus);

  return (
    <details className="frame-composer">
      <summary>{t('composer.title')}</summary>
      <p className="note">{t('composer.intro')}</p>
      <div className="row" role="group" aria-label={t('composer.templates')}>
        {actionTemplateNames.map((k) => (
          <button key={k} type="button" onClick={() => setText(JSON.stringify(actionTemplate(k), null, 2))}>
            {k}
          </button>
        ))}
      </div>
      <label htmlFor={`${id}-text`}>{t('composer.frame')}</label>
      <textarea id={`${id}-text`} className="composer-text" rows={6} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-check`} />
      <p id={`${id}-check`} role="status" aria-label={t('composer.check')} className={warning ? 'field-warning' : 'muted'}>
        {warning ? t('composer.warning', { detail: warning }) : text.trim() ? t('composer.valid') : ''}
      </p>
      <div className="row">
        <button type="button" className={warning ? 'danger' : 'primary'} disabled={busy || !text.trim()} onClick={() => void send()}>
          {warning ? t('composer.sendAnyway') : t('composer.send')}
        </button>
        <span className="muted" role="status">
          {status}
        </span>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <details className="composer-schema">
        <summary>{t('composer.schema')}</summary>
        <ul className="note">
          <li>{t('composer.schemaMedia')}</li>
          <li>{t('composer.schemaChunk')}</li>
          <li>{t('composer.schemaTransfer')}</li>
          <li>{t('composer.schemaHangup')}</li>
        </ul>
      </details>
      <h4 id={`${id}-sent`}>{t('composer.history')}</h4>
      {sent.length === 0 ? (
        <p className="muted">{t('composer.none')}</p>
      ) : (
        <ol aria-labelledby={`${id}-sent`} className="composer-history">
          {sent.map((s) => (
            <li key={`${s.at}-${s.text.length}`}>
              <span className="muted">{formatTime(s.at)}</span> <code>{s.text.length > 120 ? `${s.text.slice(0, 120)}…` : s.text}</code>
              {s.warning && <span className="field-warning"> ⚠ {t('composer.sentWithWarning')}</span>}{' '}
              <button type="button" onClick={() => setText(s.text)} aria-label={t('composer.reuseLabel', { time: formatTime(s.at) })}>
                {t('composer.reuse')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
