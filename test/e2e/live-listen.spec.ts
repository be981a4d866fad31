// Listening live: the page's audio output carries the call's tone soon after it is streamed, and
// muting leg A silences it. The output is captured by the audio tap (helpers/audio-tap.ts).
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';
import { PsrStream } from './helpers/psr-stream';
import { installAudioTap } from './helpers/audio-tap';

test('listen: the tone on A is heard (delay printed; bench:ui measures it), muting A silences it, stopping frees the device', async ({ page, app }) => {
  await installAudioTap(page);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();

  const bridge = await connectBridge(app);
  const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  const stream = await PsrStream.open(localUrl!, 'listen-call-1');
  // Silence first: listening starts mid-call.
  let toneFrom = Infinity;
  void stream.play((t) => ({ a: t >= toneFrom ? 0.5 : 0, b: 0 }), 30_000);
  await page.getByRole('button', { name: 'Listen', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop listening' })).toBeVisible();
  // Let the jitter buffer fill with silence, then switch the tone on and note when.
  await expect.poll(() => page.evaluate(() => window.__tapLevel!())).toBe(0);
  await page.evaluate(() => (window.__tapFirstLoudAt = null));
  toneFrom = stream.callTimeMs;
  const toneSentAt = Date.now();
  await expect.poll(() => page.evaluate(() => window.__tapFirstLoudAt ?? null)).not.toBeNull();
  const heardAt = await page.evaluate(() => window.__tapFirstLoudAt!);
  const delay = heardAt - toneSentAt;
  console.log(`listen: tone heard ${delay} ms after it was streamed`);
  expect(delay).toBeGreaterThan(0);

  await page.getByRole('checkbox', { name: 'Mute Leg A' }).check();
  await expect.poll(() => page.evaluate(() => window.__tapLevel!())).toBeLessThan(0.001);
  await page.getByRole('checkbox', { name: 'Mute Leg A' }).uncheck();
  await expect.poll(() => page.evaluate(() => window.__tapLevel!())).toBeGreaterThan(0.05);

  await page.getByRole('button', { name: 'Stop listening' }).click();
  await expect(page.getByRole('button', { name: 'Listen', exact: true })).toBeVisible();
  // The AudioContext is closed, which releases the output device.
  await expect.poll(() => page.evaluate(() => window.__tapOpenContexts!())).toBe(0);
  await stream.close();
  bridge.close();
});
