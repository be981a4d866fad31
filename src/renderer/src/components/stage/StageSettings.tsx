// The stage's own settings, remembered: light or dark theme, and the latency thresholds that colour
// the badges and figures. A threshold is saved once it is a whole number in range and amber > green.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StagePrefs } from './use-stage-prefs';

const MIN = 50;
const MAX = 10_000;

export function StageSettings({ prefs, change, error }: { prefs: StagePrefs; change: (p: Partial<StagePrefs>) => void; error: string | null }) {
  const { t } = useTranslation('stage');
  const [good, setGood] = useState(String(prefs.stageGoodMs));
  const [fair, setFair] = useState(String(prefs.stageFairMs));
  useEffect(() => setGood(String(prefs.stageGoodMs)), [prefs.stageGoodMs]);
  useEffect(() => setFair(String(prefs.stageFairMs)), [prefs.stageFairMs]);

  const g = Number(good);
  const f = Number(fair);
  const valid = Number.isInteger(g) && Number.isInteger(f) && g >= MIN && f <= MAX && g < f;
  const commit = () => {
    if (valid && (g !== prefs.stageGoodMs || f !== prefs.stageFairMs)) change({ stageGoodMs: g, stageFairMs: f });
  };

  return (
    <details className="stage-settings">
      <summary>{t('settings.title')}</summary>
      <div className="stage-settings-body">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={prefs.stageTheme === 'light'}
            onChange={(e) => change({ stageTheme: e.target.checked ? 'light' : 'dark' })}
          />{' '}
          {t('settings.theme')}
        </label>
        <label>
          {t('settings.good')}
          <input
            type="number"
            min={MIN}
            max={MAX}
            step={50}
            value={good}
            aria-invalid={!valid}
            onChange={(e) => setGood(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
          />
        </label>
        <label>
          {t('settings.fair')}
          <input
            type="number"
            min={MIN}
            max={MAX}
            step={50}
            value={fair}
            aria-invalid={!valid}
            onChange={(e) => setFair(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
          />
        </label>
        {!valid && <p className="stage-settings-error">{t('settings.range')}</p>}
        {error && (
          <p role="alert" className="stage-settings-error">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
