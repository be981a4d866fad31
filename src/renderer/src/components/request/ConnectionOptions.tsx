// Timeouts and the trusted CA file used to reach PSR (kept by the main process).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionOptionsView } from '../../../../shared/contract/psr';
import { api, ApiError } from '../../api/client';

export function ConnectionOptions() {
  const { t } = useTranslation('psr');
  const [opts, setOpts] = useState<ConnectionOptionsView | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api['psr:getOptions']()
      .then(setOpts)
      .catch(() => {});
  }, []);
  if (!opts) return null;

  const save = async () => {
    try {
      setOpts(await api['psr:setOptions'](opts));
      setStatus({ ok: true, text: t('options.saved') });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const num = (k: 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" min={100} step={100} value={opts[k]} onChange={(e) => setOpts({ ...opts, [k]: Number(e.target.value) })} />
    </label>
  );

  return (
    <details className="panel">
      <summary>{t('options.title')}</summary>
      <div className="options-grid">
        {num('connectTimeoutMs', t('options.connect'))}
        {num('headersTimeoutMs', t('options.headers'))}
        {num('bodyTimeoutMs', t('options.body'))}
      </div>
      <label className="field">
        <span>{t('options.caFile')}</span>
        <input type="text" value={opts.caFile ?? ''} placeholder="/etc/ssl/corp-ca.pem" onChange={(e) => setOpts({ ...opts, caFile: e.target.value || null })} />
        <span className="hint">{t('options.caHint')}</span>
      </label>
      <button type="button" onClick={() => void save()}>
        {t('options.save')}
      </button>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'note' : 'field-error'}>
          {status.text}
        </p>
      )}
    </details>
  );
}
