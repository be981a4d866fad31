// A PSR that streams its media but never reads what the endpoint sends: the bytes waiting for it stay
// under the per-call limit (the peak is taken right after every send on the call's socket), the console's
// action is refused with ACTION_BACKLOG_FULL naming the limit, a chunk stream pauses and resumes whole,
// the tap relay drops the bot's frames with one log line per stretch, and PSR's audio is recorded exactly.
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { encodeWav16 } from '../../../src/main/audio/wav';
import type { CallSession } from '../../../src/main/endpoint/call-session';
import type { EndpointServer } from '../../../src/main/endpoint/endpoint-server';
import type { EndpointService } from '../../../src/main/endpoint/endpoint-service';
import { PSR_BACKLOG_MAX_BYTES } from '../../../src/main/endpoint/send-backlog';
import type { LogEntry } from '../../../src/shared/call-log';
import { isAppError, type AppError } from '../../../src/shared/errors';
import { bytesOf, interleave, makeService, psrClient, sine, type PsrClient } from './helpers';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function sessionOf(service: EndpointService, callId: string): CallSession {
  const s = (service as unknown as { server: EndpointServer | null }).server?.find(callId);
  if (!s) throw new Error(`no session ${callId}`);
  return s;
}

/** The largest `bufferedAmount` right after any send on the session's socket: the backlog's peak. */
function watchBacklog(s: CallSession): { max: number; sends: number } {
  const ws = (s as unknown as { ws: WebSocket }).ws;
  const send = ws.send.bind(ws) as (...a: unknown[]) => void;
  const seen = { max: 0, sends: 0 };
  (ws as unknown as { send: (...a: unknown[]) => void }).send = (...a: unknown[]) => {
    send(...a);
    seen.sends++;
    seen.max = Math.max(seen.max, ws.bufferedAmount);
  };
  return seen;
}

/** PSR stops reading: the client's socket is paused (it still sends). */
function stopReading(c: PsrClient): net.Socket {
  const socket = (c.ws as unknown as { _socket: net.Socket })._socket;
  socket.pause();
  return socket;
}

/** A PSR-format WAV (8 kHz 16-bit mono) of `samples` samples, written to `file`. */
function writeWav(file: string, samples: number): Int16Array {
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i++) pcm[i] = ((i * 37) % 20000) - 10000;
  fs.writeFileSync(file, encodeWav16([pcm], 8000));
  return pcm;
}

async function sendMedia(c: PsrClient, n: number, seed: number, sent: Buffer[]): Promise<void> {
  for (let k = 0; k < n; k++) {
    const f = Buffer.from(bytesOf(interleave(sine(200 + seed + k, 0.02), sine(900 - k, 0.02, 0.3))));
    sent.push(f);
    await c.media(f, 'stereo');
  }
}

function loggedLines(recordingsDir: string, callId: string): LogEntry[] {
  return fs
    .readFileSync(path.join(recordingsDir, `${callId}.events.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogEntry);
}

describe('data waiting for a PSR that does not read', () => {
  it('stays under the limit: the console is refused with the code, a chunk stream pauses and resumes whole, the recording is exact', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const big = path.join(h.dir, 'big.wav');
    writeWav(big, 7_000_000); // 14 MB: a ~18.7 MB media frame
    const small = path.join(h.dir, 'small.wav');
    const chunkPcm = writeWav(small, 8000); // 1 s: ten 100 ms chunks
    h.service.setGreeting({ path: big });
    const url = (await h.service.start({ port: 0, host: '127.0.0.1' })).localUrl!;
    const id = 'noread-1';
    const c = await psrClient(url, { call_id: id });
    const socket = stopReading(c);
    const seen = watchBacklog(sessionOf(h.service, id));
    const sent: Buffer[] = [];

    await c.connected('stereo');
    await h.waitEvent('call:action', (p) => p.callId === id && p.origin === 'greeting');
    await sendMedia(c, 25, 0, sent);

    // The console sends the same large WAV until the endpoint refuses it.
    let refused: AppError | null = null;
    let accepted = 0;
    for (let i = 0; i < 4 && !refused; i++) {
      try {
        await h.service.sendMedia(id, { path: big }, true, false);
        accepted++;
      } catch (e) {
        if (!isAppError(e)) throw e;
        refused = e as AppError;
      }
    }
    expect(seen.max).toBeLessThanOrEqual(PSR_BACKLOG_MAX_BYTES);
    expect(refused?.code).toBe('ACTION_BACKLOG_FULL');
    expect(refused?.params).toMatchObject({ kind: 'media', limit: PSR_BACKLOG_MAX_BYTES });
    expect(refused?.message).toContain(`the limit is ${PSR_BACKLOG_MAX_BYTES} bytes`);

    // A chunk stream started now pauses at once (one log line), sending nothing.
    const stream = await h.service.streamChunks(id, { path: small }, 'pcm16', 100);
    expect(stream.chunks).toBe(10);
    await h.waitEvent('call:log', (p) => p.callId === id && p.entries.some((e) => e.code === 'ACTION_BACKLOG_FULL' && e.msg?.params.kind === 'chunk'));
    expect(h.events.filter((e) => e.name === 'call:action' && (e.payload as { kind: string }).kind === 'chunk')).toEqual([]);
    await sendMedia(c, 25, 50, sent); // PSR's audio keeps being taken in meanwhile

    // PSR reads again: everything sent arrives, the chunks whole and in order after the media.
    socket.resume();
    await c.waitMessages(1 + accepted + 10, 20_000);
    const msgs = c.received.map((m) => JSON.parse(m.data.toString()) as { event: string; media: { payload: string } });
    expect(msgs.map((m) => m.event)).toEqual([...Array<string>(1 + accepted).fill('media'), ...Array<string>(10).fill('chunk')]);
    const chunkBytes = Buffer.concat(msgs.filter((m) => m.event === 'chunk').map((m) => Buffer.from(m.media.payload, 'base64')));
    expect(chunkBytes.equals(Buffer.from(bytesOf(chunkPcm)))).toBe(true);
    expect(seen.max).toBeLessThanOrEqual(PSR_BACKLOG_MAX_BYTES);

    await sendMedia(c, 5, 100, sent);
    await c.closed();
    const ended = await h.ended(id);
    expect(ended.reason).toBe('closed');
    expect(ended.stats.errors.ACTION_BACKLOG_FULL).toBe(2); // the media refused, the stream's one pause
    const wav = fs.readFileSync(path.join(h.recordingsDir, `${id}.wav`));
    expect(wav.subarray(44).equals(Buffer.concat(sent))).toBe(true);
    const lines = loggedLines(h.recordingsDir, id).filter((l) => l.code === 'ACTION_BACKLOG_FULL');
    expect(lines.map((l) => l.msg?.params)).toEqual([
      expect.objectContaining({ kind: 'media', origin: 'console', limit: PSR_BACKLOG_MAX_BYTES }),
      expect.objectContaining({ kind: 'chunk', origin: 'console' }),
    ]);
  });

  it('the greeting is one frame shared by every call’s socket, sent as the same text frame', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const greeting = path.join(h.dir, 'greeting.wav');
    writeWav(greeting, 16_000);
    h.service.setGreeting({ path: greeting });
    const url = (await h.service.start({ port: 0, host: '127.0.0.1' })).localUrl!;
    const handed: unknown[] = [];
    const clients: PsrClient[] = [];
    for (const id of ['shared-1', 'shared-2']) {
      const c = await psrClient(url, { call_id: id });
      clients.push(c);
      const ws = (sessionOf(h.service, id) as unknown as { ws: WebSocket }).ws;
      const send = ws.send.bind(ws) as (...a: unknown[]) => void;
      (ws as unknown as { send: (...a: unknown[]) => void }).send = (...a: unknown[]) => (handed.push(a[0]), send(...a));
      await c.connected('stereo');
      await c.waitMessages(1);
    }
    expect(handed).toHaveLength(2);
    expect(Buffer.isBuffer(handed[0])).toBe(true);
    expect(handed[1]).toBe(handed[0]);
    const expected = JSON.stringify({ event: 'media', media: { payload: fs.readFileSync(greeting).toString('base64'), is_sync: true } });
    for (const c of clients) {
      expect(c.received[0]!.isBinary).toBe(false);
      expect(c.received[0]!.data.toString()).toBe(expected);
      await c.closed();
    }
  });

  it('tap mode: the bot’s frames are dropped while over the limit, one log line per stretch; relaying resumes once PSR reads', async () => {
    const FRAME = 2 * 1024 * 1024;
    const FRAMES = 30; // 60 MiB: far over the limit
    const server = http.createServer();
    const wss = new WebSocketServer({ server, path: '/server/ws', maxPayload: 64 * 1024 * 1024 });
    const bots: WebSocket[] = [];
    wss.on('connection', (ws) => {
      bots.push(ws);
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary && data.toString().includes('"connected"')) for (let i = 0; i < FRAMES; i++) ws.send(Buffer.alloc(FRAME, i), { binary: true });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => (wss.close(), server.close(() => r()), server.closeAllConnections())));
    const botUrl = `ws://127.0.0.1:${(server.address() as { port: number }).port}/server/ws`;

    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0, host: '127.0.0.1', upstreamUrl: botUrl })).localUrl!;
    const id = 'tap-noread';
    const c = await psrClient(url, { call_id: id }, { maxPayload: 64 * 1024 * 1024 });
    const socket = stopReading(c);
    const seen = watchBacklog(sessionOf(h.service, id));
    const sent: Buffer[] = [];
    await c.connected('stereo');
    await h.waitEvent('call:log', (p) => p.callId === id && p.entries.some((e) => e.msg?.code === 'tap.backlog_dropping'));
    await sendMedia(c, 25, 0, sent);

    // PSR reads again; once it has read everything, the bot sends one more frame. It comes after the
    // whole burst on the bot's socket, so when it is relayed every frame of the burst has been handled.
    socket.resume();
    await expect.poll(() => sessionOf(h.service, id).psrBacklog, { timeout: 20_000 }).toBe(0);
    bots[0]!.send('after-the-burst');
    await h.waitEvent('call:log', (p) => p.callId === id && p.entries.some((e) => e.msg?.code === 'bot.text_relayed'));
    await c.waitMessages(seen.sends, 20_000);
    const relayed = c.received.filter((m) => m.isBinary);
    const order = relayed.map((m) => m.data[0]!);
    expect(relayed.length).toBeGreaterThan(0);
    expect(relayed.length).toBeLessThan(FRAMES);
    expect(relayed.every((m) => m.data.length === FRAME)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b)); // untouched and in order, some left out
    expect(c.received.at(-1)!.data.toString()).toBe('after-the-burst');
    expect(seen.max).toBeLessThanOrEqual(PSR_BACKLOG_MAX_BYTES);

    await sendMedia(c, 5, 100, sent);
    await c.closed();
    const ended = await h.ended(id);
    expect(ended.stats.errors.ACTION_BACKLOG_FULL).toBe(1);
    const wav = fs.readFileSync(path.join(h.recordingsDir, `${id}.wav`));
    expect(wav.subarray(44).equals(Buffer.concat(sent))).toBe(true);
    const lines = loggedLines(h.recordingsDir, id);
    expect(lines.filter((l) => l.code === 'ACTION_BACKLOG_FULL').map((l) => l.msg)).toEqual([
      { code: 'tap.backlog_dropping', params: { waiting: expect.any(Number), limit: PSR_BACKLOG_MAX_BYTES } },
    ]);
    expect(lines.filter((l) => l.msg?.code === 'bot.binary_relayed')).toHaveLength(relayed.length);
  });
});
