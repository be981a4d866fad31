// A demo call in the desktop window: the meters move, and "Listen" plays the call through the
// AudioWorklet loaded from the packaged page (file://…/worklets/listen-player.js).
import { test, expect } from '@playwright/test';
import { electronBinary, launchDesktop, SKIP_REASON } from './electron-app';

test.skip(!electronBinary(), SKIP_REASON);

test('demo call: meters move and listening runs through the packaged AudioWorklet', async () => {
  const d = await launchDesktop({ args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'] });
  try {
    const w = d.window;
    // Count worklet modules the page loads, and from where.
    await w.evaluate(() => {
      const loaded: string[] = [];
      (window as unknown as { __worklets: string[] }).__worklets = loaded;
      const original = AudioWorklet.prototype.addModule;
      AudioWorklet.prototype.addModule = function (url: string | URL, options?: WorkletOptions) {
        loaded.push(new URL(String(url), location.href).href);
        return original.call(this, url, options);
      };
    });
    await w.getByRole('button', { name: 'Start demo call' }).first().click();
    await expect(w.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
    const legA = w.getByRole('meter', { name: /Leg A|Bot \(A\)/ });
    await expect.poll(async () => Number(await legA.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(-60);

    await w.getByRole('button', { name: 'Listen', exact: true }).click();
    await expect(w.getByRole('button', { name: 'Stop listening' })).toBeVisible();
    await expect.poll(() => w.evaluate(() => (window as unknown as { __worklets: string[] }).__worklets)).toContainEqual(expect.stringMatching(/^file:\/\/.*\/worklets\/listen-player\.js$/));
    await w.getByRole('button', { name: 'Stop listening' }).click();
  } finally {
    await d.close();
  }
});
