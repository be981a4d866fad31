// The stage's remembered settings travel in the UI preferences: defaults for settings saved before
// the stage existed, and a patch with an out-of-range threshold is refused naming the field.
import { describe, expect, it } from 'vitest';
import { uiPrefsPatchSchema, uiPrefsSchema } from '../../../src/shared/contract/app';

describe('stage preferences', () => {
  it('fill in the dark theme and the 800 / 1500 ms thresholds for older settings', () => {
    const p = uiPrefsSchema.parse({ language: 'vi', lastScreen: 'live', presenterMode: true });
    expect(p).toMatchObject({ language: 'vi', stageTheme: 'dark', stageGoodMs: 800, stageFairMs: 1500 });
  });

  it('accept a theme or thresholds alone, and leave the rest out of the patch', () => {
    expect(uiPrefsPatchSchema.parse({ stageTheme: 'light' })).toEqual({ stageTheme: 'light' });
    expect(uiPrefsPatchSchema.parse({ stageGoodMs: 600, stageFairMs: 1200 })).toEqual({ stageGoodMs: 600, stageFairMs: 1200 });
  });

  it('refuse a threshold out of range or not whole, and an unknown theme, naming the field', () => {
    for (const bad of [{ stageGoodMs: 10 }, { stageFairMs: 20_000 }, { stageGoodMs: 700.5 }, { stageTheme: 'sepia' }]) {
      const r = uiPrefsPatchSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual(Object.keys(bad));
    }
  });
});
