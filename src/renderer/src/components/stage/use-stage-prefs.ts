// The stage's remembered settings (theme, latency thresholds) live in the UI preferences main keeps,
// like the language and presenter mode: read once, follow app:prefsChanged, change optimistically.
import { useCallback, useEffect, useState } from 'react';
import type { UiPrefs } from '../../../../shared/contract/app';
import { api, useEvent } from '../../api/client';
import { errorText } from '../../errors';
import { DEFAULT_FAIR_MS, DEFAULT_GOOD_MS } from './latency-grade';

export type StagePrefs = Pick<UiPrefs, 'stageTheme' | 'stageGoodMs' | 'stageFairMs'>;

const defaults: StagePrefs = { stageTheme: 'dark', stageGoodMs: DEFAULT_GOOD_MS, stageFairMs: DEFAULT_FAIR_MS };
const pick = (p: UiPrefs): StagePrefs => ({ stageTheme: p.stageTheme, stageGoodMs: p.stageGoodMs, stageFairMs: p.stageFairMs });

export function useStagePrefs(): [StagePrefs, (patch: Partial<StagePrefs>) => void, string | null] {
  const [prefs, setPrefs] = useState<StagePrefs>(defaults);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    api['app:getPrefs']().then(
      (p) => !cancelled && setPrefs(pick(p)),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, []);
  useEvent('app:prefsChanged', (p) => setPrefs(pick(p)));
  const change = useCallback((patch: Partial<StagePrefs>) => {
    setPrefs((cur) => ({ ...cur, ...patch }));
    setError(null);
    api['app:setPrefs'](patch).then(
      (p) => setPrefs(pick(p)),
      (e: unknown) => setError(errorText(e)),
    );
  }, []);
  return [prefs, change, error];
}
