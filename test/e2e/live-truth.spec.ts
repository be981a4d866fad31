// The live view states only what happened: real calls streamed by a Python PSR stand-in (and a
// Python bot in tap mode), whose timing is known by construction.
import { test, expect } from './fixtures';
import { connectBridge, type BridgeClient } from './helpers/bridge';
import { pythonBot, pythonPsrCall } from './helpers/python';

let bridge: BridgeClient;

test.beforeEach(async ({ app }) => {
  bridge = await connectBridge(app);
});
test.afterEach(() => bridge.close());

const secondsOf = (label: string | null) => (/([\d.]+)–([\d.]+)/.exec(label ?? '') ?? []).slice(1).map(Number);

test('turn latency: a caller already talking at connect makes no turn; answers talked over are listed, not counted', async ({ page }) => {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  // B talks from the first frame (a 60 ms pause between words at 80 ms, where the greeting starts),
  // then two real turns (700 and 600 ms), then an answer (500 ms) that the caller talks over.
  const call = pythonPsrCall(status.localUrl!, 'py-turns-1', {
    A: [[140, 1000], [3500, 4200], [5600, 6200], [7500, 8300]],
    B: [[0, 80], [140, 1200], [2000, 2800], [4500, 5000], [6500, 7000], [7900, 8100]],
  }, 9000);
  const turns = page.getByRole('list', { name: 'Recent turns' }).getByRole('listitem');
  await expect(turns).toHaveCount(3, { timeout: 20_000 });
  await call.exited;
  await expect(turns.nth(0)).toHaveText(/^Turn 1: 7\d\d ms \(at 3\.5 s\)$/);
  await expect(turns.nth(1)).toHaveText(/^Turn 2: 6\d\d ms \(at 5\.6 s\)$/);
  await expect(turns.nth(2)).toHaveText(/^Turn 3: 5\d\d ms \(at 7\.5 s\) barge-in, not in the figures$/);
  const median = Number(/(\d+) ms/.exec((await page.getByRole('status', { name: 'Median turn latency' }).textContent()) ?? '')?.[1]);
  expect(Math.abs(median - 650)).toBeLessThanOrEqual(60);
  await expect(page.getByRole('status', { name: 'Answers talked over' })).toContainText('1 answer talked over');
});

test('tap mode: "Bot out" shows speech only while the bot\'s one 6 s WAV plays, also when the view opens after the call', async ({ page }) => {
  const bot = await pythonBot(6);
  try {
    const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0, upstreamUrl: bot.url });
    const ended = bridge.waitFor('call:ended', (e) => e.callId === 'py-tap-1', 30_000);
    const call = pythonPsrCall(status.localUrl!, 'py-tap-1', { B: [[1000, 1500]] }, 9000);
    await bot.waitFor('sent');
    await call.exited;
    await ended;
    await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
    const lane = page.getByRole('list', { name: /^Bot.* speech$/ }).getByRole('listitem');
    await expect(lane).toHaveCount(1);
    const [from, to] = secondsOf(await lane.first().getAttribute('aria-label'));
    expect(from).toBeLessThanOrEqual(0.2);
    expect(to).toBeGreaterThanOrEqual(5.8);
    expect(to).toBeLessThanOrEqual(6.4);
  } finally {
    await bot.stop();
  }
});

test('a new call while an older one is shown: one "Listen live" panel and one event log', async ({ page }) => {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  const first = pythonPsrCall(status.localUrl!, 'py-first', { A: [[0, 500]] }, 12_000);
  await expect(page.getByRole('status').filter({ hasText: 'py-first' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Listen live' })).toHaveCount(1);
  const second = pythonPsrCall(status.localUrl!, 'py-second', { A: [[0, 500]] }, 3000);
  await expect(page.getByRole('status').filter({ hasText: 'py-second' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Listen live' })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Event log' })).toHaveCount(1);
  await second.exited;
  await first.stop();
});
