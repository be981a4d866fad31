// A bot that stops reading its stream: the simulated PSR ends the call rather than hold every frame.
import type { Socket } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { MonotonicClock } from '../../../src/main/simulator/frame-clock';
import { SIM_BACKLOG_MAX_BYTES } from '../../../src/main/simulator/sim-call';
import { startSimulator } from './sim-fixtures';

/** Call time running 50× faster than real time, so minutes of frames pile up in seconds. */
const SPEED = 50;
const fast: MonotonicClock = {
  now: () => performance.now() * SPEED,
  schedule: (fn, delayMs) => {
    const t = setTimeout(fn, Math.max(0, delayMs / SPEED));
    return () => clearTimeout(t);
  },
};

const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

it('ends the call of a bot that never reads, with the frames waiting for it bounded', { timeout: 60_000 }, async () => {
  const bot = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  closers.push(() => {
    for (const c of bot.clients) c.terminate();
    return new Promise((r) => bot.close(r));
  });
  // The bot accepts the call, then never reads from its socket again.
  bot.on('connection', (ws) => (ws as unknown as { _socket: Socket })._socket.pause());
  await new Promise((r) => bot.once('listening', r));
  const url = `ws://127.0.0.1:${(bot.address() as { port: number }).port}/bot`;
  const { sim } = await startSimulator({ clock: fast });
  closers.push(() => sim.stop());

  const call = sim.createCall({ url, destination: '0900', app: 'bot', channel: 'stereo', extension: null, isSilence: true, audio: null, audioFileName: null, parameter: null }, {});
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, call.backlogBytes)), 5);
  await call.finished;
  clearInterval(watch);
  expect(call.reason).toBe('bot-not-reading');
  expect(call.state).toBe('failed');
  const line = call.log.find((l) => l.msg.code === 'sim.bot_not_reading');
  expect(line?.msg.params.limit).toBe(SIM_BACKLOG_MAX_BYTES);
  // One frame past the limit at most (a frame is under a kilobyte).
  expect(most).toBeLessThan(SIM_BACKLOG_MAX_BYTES + 4096);
  expect(call.framesSent).toBeGreaterThan(1000);
});
