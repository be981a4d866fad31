// The live view during a real call on the embedded endpoint, streamed by the test as PSR would.
import { test, expect } from './fixtures';
import { connectBridge, type BridgeClient } from './helpers/bridge';
import { PsrStream, sineRmsDbfs } from './helpers/psr-stream';
import { startTestBot } from './helpers/test-bot';

let bridge: BridgeClient;

test.beforeEach(async ({ app }) => {
  bridge = await connectBridge(app);
});
test.afterEach(() => bridge.close());

async function startEndpoint(): Promise<string> {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  expect(status.running).toBe(true);
  return status.localUrl!;
}

test('meters: a tone on A reads its RMS, silence on B reads the floor, a stopped stream shows no signal', async ({ page }) => {
  const url = await startEndpoint();
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  const stream = await PsrStream.open(url, 'meter-call-1');
  const amplitude = 0.5;
  void stream.play(() => ({ a: amplitude, b: 0 }), 20_000);

  const legA = page.getByRole('meter', { name: 'Leg A' });
  const legB = page.getByRole('meter', { name: 'Leg B' });
  await expect(legA).toHaveAttribute('aria-valuemin', '-60');
  await expect(legA).toHaveAttribute('aria-valuemax', '0');
  const expected = sineRmsDbfs(amplitude);
  // The meter settles on the tone's RMS (a window straddling the tone's start reads lower at first).
  await expect
    .poll(async () => Math.abs(Number(await legA.getAttribute('aria-valuenow')) - expected), { message: `Leg A within 1 dB of ${expected.toFixed(1)} dBFS` })
    .toBeLessThanOrEqual(1);
  await expect(legB).toHaveAttribute('aria-valuenow', '-60');
  await expect(legB).not.toHaveAttribute('aria-valuetext', 'no signal');

  stream.stop();
  await expect(legA).toHaveAttribute('aria-valuetext', 'no signal');
  await expect(legB).toHaveAttribute('aria-valuetext', 'no signal');
  await stream.close();
});

test('turn latency: the bot answering 700 ms after the caller stops reads 700 ± 60 ms', async ({ page }) => {
  const url = await startEndpoint();
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  const stream = await PsrStream.open(url, 'turn-call-1');
  // Three turns: the caller (B) talks 800 ms, the bot (A) answers 700 ms after the caller stops.
  const script = (t: number) => {
    const cycle = t % 2500;
    return { b: cycle >= 100 && cycle < 900 ? 0.3 : 0, a: cycle >= 1600 && cycle < 2300 ? 0.3 : 0 };
  };
  const played = stream.play(script, 7_600);
  const median = page.getByRole('status', { name: 'Median turn latency' });
  await expect(page.getByRole('list', { name: 'Recent turns' }).getByRole('listitem')).toHaveCount(3, { timeout: 15_000 });
  await played;
  const text = (await median.textContent()) ?? '';
  const ms = Number(/(\d+)\s*ms/.exec(text)?.[1]);
  expect(Math.abs(ms - 700)).toBeLessThanOrEqual(60);
  // The timeline shows the speech of both legs.
  await expect(page.getByRole('list', { name: 'Leg B speech' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Leg A speech' }).getByRole('listitem')).toHaveCount(3);
  await stream.close();
});

test('turn latency with a real bot in tap mode: it answers 700 ms after the caller stops; 700 ± 60 ms, actions on the timeline', async ({ page }) => {
  const bot = await startTestBot(700);
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0, upstreamUrl: bot.url });
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  const stream = await PsrStream.open(status.localUrl!, 'bot-turn-call-1');
  // The caller talks 800 ms every 2.5 s; leg A carries only what the bot sends (as PSR would play it).
  const played = stream.play((t) => ({ a: 0, b: t % 2500 >= 100 && t % 2500 < 900 ? 0.3 : 0 }), 7_600);
  await expect(page.getByRole('meter', { name: 'Bot out' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Recent turns' }).getByRole('listitem')).toHaveCount(3, { timeout: 15_000 });
  await played;
  // Ground truth from both ends of the wire: when the caller stopped, when the bot's audio started.
  expect(bot.callerStops).toHaveLength(3);
  expect(stream.botAudioStarts).toHaveLength(3);
  const truth = stream.botAudioStarts.map((a, i) => a - bot.callerStops[i]!);
  const text = (await page.getByRole('status', { name: 'Median turn latency' }).textContent()) ?? '';
  const median = Number(/(\d+)\s*ms/.exec(text)?.[1]);
  console.log(`bot turns on the wire: ${truth.join(', ')} ms; shown median ${median} ms`);
  expect(Math.abs(median - 700)).toBeLessThanOrEqual(60);
  await expect(page.getByRole('list', { name: 'Bot actions' }).getByRole('listitem')).toHaveCount(3);
  await stream.close();
  await bot.close();
});
