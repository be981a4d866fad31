// What to run: the bot, the scenario and customers files, the shape (profile or explicit numbers),
// impairments and thresholds. Values are sent as typed; main validates them against the contract.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_PROFILES, type CampaignSettingsInput } from '../../../../shared/campaign/settings';

interface Props {
  running: boolean;
  busy: boolean;
  onStart(settings: CampaignSettingsInput): void;
  onStop(): void;
}

const numOrNull = (v: string): number | null => (v.trim() === '' ? null : Number(v));

export function CampaignForm({ running, busy, onStart, onStop }: Props) {
  const { t } = useTranslation('campaign');
  const [f, setF] = useState({ bot: 'ws://127.0.0.1:8000/server/ws', scenario: '', customers: '', profile: '', calls: '', concurrency: '', ramp: '', jitter: '0', drop: '0', maxP95: '', minSuccess: '100' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const field = (k: keyof typeof f, label: string, hint?: string, type = 'text') => (
    <label className="field" key={k}>
      <span>{label}</span>
      <input type={type} value={f[k]} onChange={set(k)} disabled={running} />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    onStart({
      bot: f.bot.trim(),
      scenario: f.scenario.trim(),
      customers: f.customers.trim() || null,
      profile: (f.profile || null) as CampaignSettingsInput['profile'],
      calls: numOrNull(f.calls),
      concurrency: numOrNull(f.concurrency),
      rampPerSec: numOrNull(f.ramp),
      jitterMs: numOrNull(f.jitter) ?? 0,
      dropPct: numOrNull(f.drop) ?? 0,
      maxP95TurnMs: numOrNull(f.maxP95),
      minSuccessPct: numOrNull(f.minSuccess) ?? 100,
    });
  };
  return (
    <form className="panel cmp-form" onSubmit={submit} aria-labelledby="cmp-form-title">
      <h2 id="cmp-form-title">{t('setup')}</h2>
      <div className="cmp-grid">
        {field('bot', t('bot'), t('botHint'))}
        {field('scenario', t('scenario'), t('scenarioHint'))}
        {field('customers', t('customers'), t('customersHint'))}
        <label className="field">
          <span>{t('profile')}</span>
          <select value={f.profile} onChange={set('profile')} disabled={running}>
            <option value="">{t('profileNone')}</option>
            {CAMPAIGN_PROFILES.map((p) => (
              <option key={p} value={p}>
                {t(`profiles.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {field('calls', t('calls'), undefined, 'number')}
        {field('concurrency', t('concurrency'), undefined, 'number')}
        {field('ramp', t('ramp'), undefined, 'number')}
        {field('jitter', t('jitter'), t('jitterHint'), 'number')}
        {field('drop', t('drop'), undefined, 'number')}
        {field('maxP95', t('maxP95'), undefined, 'number')}
        {field('minSuccess', t('minSuccess'), undefined, 'number')}
      </div>
      <div className="cmp-actions">
        {running ? (
          <button type="button" className="danger" onClick={onStop} disabled={busy}>
            {t('stop')}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={busy}>
            {t('start')}
          </button>
        )}
      </div>
    </form>
  );
}
