// The simulator's settings: port, max call length, ring time, leg B, outcome, language, tenant server.
// The draft is reset only when the saved settings really change, so it survives call updates.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulatorSettings, SimulatorStatus } from '../../../../shared/contract/simulator';
import { api, ApiError } from '../../api/client';
import { errorText } from '../../errors';

const legModes = ['mic', 'script', 'silence'] as const;
const outcomes = ['answer', 'no-answer', 'busy'] as const;

export function SimulatorSettingsForm({ settings, onSaved }: { settings: SimulatorSettings; onSaved: (s: SimulatorStatus) => void }) {
  const { t } = useTranslation('simulator');
  const [draft, setDraft] = useState(settings);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const [note, setNote] = useState('');
  // Status events bring a new settings object with every call update: compare contents, not identity.
  const savedKey = JSON.stringify(settings);
  const [seenKey, setSeenKey] = useState(savedKey);
  if (seenKey !== savedKey) {
    setSeenKey(savedKey);
    setDraft(settings);
  }

  const set = <K extends keyof SimulatorSettings>(k: K, v: SimulatorSettings[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const num = (v: string) => (v.trim() === '' ? NaN : Number(v));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote('');
    try {
      onSaved(await api['simulator:saveSettings'](draft));
      setNote(t('saved'));
    } catch (err) {
      setError({ text: errorText(err), field: err instanceof ApiError ? err.field : undefined });
    }
  };
  const invalid = (f: string) => (error?.field === f ? true : undefined);

  return (
    <form className="panel sim-settings" aria-labelledby="sim-settings-title" onSubmit={(e) => void save(e)}>
      <h2 id="sim-settings-title">{t('settings')}</h2>
      <div className="sim-grid">
        <div className="field">
          <label htmlFor="sim-port">{t('port')}</label>
          <input id="sim-port" type="number" min={0} max={65535} value={Number.isNaN(draft.port) ? '' : draft.port} aria-invalid={invalid('port')} aria-describedby="sim-port-hint" onChange={(e) => set('port', num(e.target.value))} />
          <span id="sim-port-hint" className="hint">{t('portHint')}</span>
        </div>
        <div className="field">
          <label htmlFor="sim-max">{t('maxCallSeconds')}</label>
          <input id="sim-max" type="number" min={0} max={86400} value={Number.isNaN(draft.maxCallSeconds) ? '' : draft.maxCallSeconds} aria-invalid={invalid('maxCallSeconds')} aria-describedby="sim-max-hint" onChange={(e) => set('maxCallSeconds', num(e.target.value))} />
          <span id="sim-max-hint" className="hint">{t('maxCallSecondsHint')}</span>
        </div>
        <div className="field">
          <label htmlFor="sim-ring">{t('ringSeconds')}</label>
          <input id="sim-ring" type="number" min={0} max={60} step={0.5} value={Number.isNaN(draft.ringSeconds) ? '' : draft.ringSeconds} aria-invalid={invalid('ringSeconds')} onChange={(e) => set('ringSeconds', num(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="sim-outcome">{t('outcome')}</label>
          <select id="sim-outcome" value={draft.outcome} onChange={(e) => set('outcome', e.target.value as SimulatorSettings['outcome'])}>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`outcomes.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sim-lang">{t('language')}</label>
          <select id="sim-lang" value={draft.language} onChange={(e) => set('language', e.target.value as SimulatorSettings['language'])}>
            <option value="en">{t('languages.en')}</option>
            <option value="vi">{t('languages.vi')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="sim-tenant-server">{t('tenantServer')}</label>
          <input id="sim-tenant-server" type="text" value={draft.tenantServer} aria-invalid={invalid('tenantServer')} onChange={(e) => set('tenantServer', e.target.value)} />
        </div>
      </div>
      <fieldset className="sim-legb">
        <legend>{t('legB')}</legend>
        <p className="hint muted">{t('legBHint')}</p>
        {legModes.map((m) => (
          <label key={m} className="sim-radio">
            <input type="radio" name="sim-legb" value={m} checked={draft.legB === m} onChange={() => set('legB', m)} />
            {t(`legBMode.${m}`)}
          </label>
        ))}
      </fieldset>
      <label className="sim-radio">
        <input type="checkbox" checked={draft.trustSelfSigned} onChange={(e) => set('trustSelfSigned', e.target.checked)} />
        {t('trustSelfSigned')}
      </label>
      <div className="row">
        <button type="submit">{t('saveSettings')}</button>
        <span role="status" className="muted">
          {note}
        </span>
      </div>
      {error && (
        <p role="alert" className="sim-error">
          {error.text}
        </p>
      )}
    </form>
  );
}
