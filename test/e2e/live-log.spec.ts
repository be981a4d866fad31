// A long call: 10,000 events. The log lives in main and is paged into a virtualised list, so the
// first message can still be found by filter and search at the end.
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';
import { PsrStream, toneWav } from './helpers/psr-stream';

test('10,000 events: filter and search find the message sent at the start', async ({ page, app }) => {
  const bridge = await connectBridge(app);
  const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  const stream = await PsrStream.open(localUrl!, 'long-call-1', 'e2e', { note: 'needle-at-the-start' });
  await stream.burst(10_000, () => ({ a: 0.1, b: 0.1 }));

  const count = page.getByRole('region', { name: 'Event log' }).getByRole('status');
  await expect.poll(async () => Number(/of ([\d,]+)/.exec((await count.textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(10_001);
  // The 10,000 media frames are one summary row (count, bytes, audio, rate), not 10,000 rows.
  const list = page.getByRole('list', { name: 'Event log' });
  const run = list.getByRole('listitem').filter({ hasText: 'media ×10,000' });
  await expect(run).toHaveCount(1);
  await expect(run).toContainText('10,000 frames · 200.0 s of audio');
  const runBytes = Number(/media ×10,000([\d,]+)10,000 frames/.exec((await run.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
  expect(await list.getByRole('listitem').count()).toBeLessThan(10);
  await expect(page.getByLabel('Type').locator('option', { hasText: 'media (10,000)' })).toHaveCount(1);
  // Opened, it lists its messages (still virtualised: only the visible rows exist in the page).
  await run.getByRole('button', { name: 'Show the 10,000 media messages' }).click();
  await expect(page.getByRole('button', { name: 'Pause auto-scroll' })).toHaveAttribute('aria-pressed', 'true');
  const frame = list.getByRole('listitem').filter({ hasText: 'media 640 B, 20.0 ms stereo' }).first();
  await expect(frame).toBeVisible();
  // The summary's bytes are the sum of its messages' bytes (every frame is the same size here).
  const frameBytes = Number(/inmedia([\d,]+)media 640 B/.exec((await frame.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
  expect(frameBytes).toBeGreaterThan(640);
  expect(runBytes).toBe(frameBytes * 10_000);
  expect(await list.getByRole('listitem').count()).toBeLessThan(100);
  await list.getByRole('button', { name: 'Hide the 10,000 media messages' }).click();
  await expect(list.getByRole('listitem').filter({ hasText: 'media 640 B, 20.0 ms stereo' })).toHaveCount(0);

  await page.getByLabel('Search').fill('needle-at-the-start');
  const rows = page.getByRole('list', { name: 'Event log' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('connected');
  await expect(count).toHaveText(/^1 of [\d,]+ messages$/);

  await page.getByLabel('Search').fill('');
  await page.getByLabel('Type').selectOption('connected');
  await page.getByLabel('Direction').selectOption('in');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('connected (stereo)');

  // Copy one message as JSON.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await rows.first().getByRole('button', { name: /Copy message \d+ as JSON/ }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toMatchObject({ event: 'connected', data: { note: 'needle-at-the-start' } });

  // Three prompts sent to PSR fold into one outbound run, counted as messages (a prompt each), not frames.
  const prompt = { name: 'prompt.wav', base64: toneWav(200, 0.3).toString('base64') };
  for (let i = 0; i < 3; i++) await bridge.call('endpoint:sendMedia', { callId: 'long-call-1', file: prompt });
  await page.getByLabel('Type').selectOption('media');
  await page.getByLabel('Direction').selectOption('out');
  const out = rows.filter({ hasText: 'media ×3' });
  await expect(out).toHaveCount(1);
  await expect(out).toContainText(/^[\d:.]+outmedia ×3[\d,]+3 messages( · [\d.,]+ messages\/s)? · last at /);
  await expect(out).not.toContainText('frames');

  await stream.close();
  bridge.close();
});
