// Tap mode, the other direction: a real bot that stops reading. PSR's frames relayed to it wait up
// to a bound; past it they are dropped (one report per stretch) until the bot has read them down.
import type { Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { UPSTREAM_QUEUE_MAX_BYTES, UpstreamRelay } from '../../../src/main/endpoint/upstream';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

it('holds no more than the bound for a bot that does not read, reports it once, and relays again once it reads', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024 });
  const bots: WebSocket[] = [];
  const got: number[] = [];
  wss.on('connection', (ws) => {
    bots.push(ws);
    (ws as unknown as { _socket: Socket })._socket.pause();
    ws.on('message', (data: Buffer) => got.push(data[0]!));
  });
  await new Promise((r) => wss.once('listening', r));
  cleanups.push(() => {
    for (const c of wss.clients) c.terminate();
    return new Promise((r) => wss.close(r));
  });
  const reports: string[] = [];
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  const relay = new UpstreamRelay(`ws://127.0.0.1:${(wss.address() as { port: number }).port}/`, {
    message: () => {},
    open: () => opened(),
    failed: (code) => void reports.push(code),
  });
  cleanups.push(() => relay.close());
  await open;

  const FRAME = 1024 * 1024;
  let most = 0;
  for (let i = 0; i < 40; i++) {
    relay.send(Buffer.alloc(FRAME, i), true);
    most = Math.max(most, relay.backlogBytes);
  }
  expect(most).toBeLessThanOrEqual(UPSTREAM_QUEUE_MAX_BYTES);
  expect(reports).toEqual(['UPSTREAM_QUEUE_FULL']);

  // The bot reads again: what was kept arrives in order; a frame sent after that is relayed.
  (bots[0] as unknown as { _socket: Socket })._socket.resume();
  await expect.poll(() => relay.backlogBytes, { timeout: 20_000 }).toBe(0);
  relay.send(Buffer.alloc(FRAME, 200), true);
  await expect.poll(() => got.at(-1), { timeout: 20_000 }).toBe(200);
  // The first frames, untouched and in order; the ones past the bound left out.
  const kept = got.slice(0, -1);
  expect(kept.slice(0, 3)).toEqual([0, 1, 2]);
  expect(kept).toEqual([...kept].sort((a, b) => a - b));
  expect(kept.length).toBeLessThan(40);
  expect(kept).not.toContain(39);
  expect(reports).toEqual(['UPSTREAM_QUEUE_FULL']);
});
