// Shared set-up for simulator tests: a simulator on port 0 in a temp folder, and a test bot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger } from '../../../src/main/logger';
import { encodeWav16 } from '../../../src/main/audio/wav';
import { floatToInt16 } from '../../../src/main/audio/pcm';
import { DEFAULT_CALL_DEFAULTS, Simulator, type CallDefaults, type SimulatorOptions } from '../../../src/main/simulator/simulator';

export const TOKEN = 'test-token-5f3a9c';

export function tempDir(prefix = 'psr-sim-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startSimulator(over: Partial<SimulatorOptions> = {}, defaults: Partial<CallDefaults> = {}) {
  const dir = tempDir();
  const sim = new Simulator({
    port: 0,
    token: () => TOKEN,
    recordDir: dir,
    logger: silentLogger,
    defaults: () => ({ ...DEFAULT_CALL_DEFAULTS, ringMs: 0, ...defaults }),
    scriptLines: () => [],
    ...over,
  });
  const { baseUrl } = await sim.start();
  return { sim, baseUrl, dir };
}

export interface BotMessage {
  timestamp?: number;
  event: string;
  media?: { payload: string };
  data?: { call_id: string; channel: string };
  /** performance.now() at arrival. */
  arrivedAt: number;
}

export interface BotConnection {
  ws: WebSocket;
  query: URLSearchParams;
  path: string;
  messages: BotMessage[];
  closed: Promise<{ code: number }>;
  /** Resolves when a message matching `pred` has arrived. */
  waitFor(pred: (m: BotMessage, all: BotMessage[]) => boolean, timeoutMs?: number): Promise<BotMessage>;
}

/** A bot: a ws server on port 0 that records everything PSR sends. */
export async function startTestBot() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const waiting: { idx: number; resolve: (c: BotConnection) => void }[] = [];
  const connections: BotConnection[] = [];
  let claimed = 0;
  wss.on('connection', (ws, req) => {
    const u = new URL(req.url ?? '/', 'ws://x');
    const messages: BotMessage[] = [];
    const watchers = new Set<() => void>();
    const conn: BotConnection = {
      ws,
      query: u.searchParams,
      path: u.pathname,
      messages,
      closed: new Promise((r) => ws.once('close', (code) => r({ code }))),
      waitFor(pred, timeoutMs = 15000) {
        return new Promise((resolve, reject) => {
          const check = () => {
            const hit = messages.find((m) => pred(m, messages));
            if (hit) {
              watchers.delete(check);
              clearTimeout(timer);
              resolve(hit);
            }
          };
          const timer = setTimeout(() => {
            watchers.delete(check);
            reject(new Error(`test bot: condition not met within ${timeoutMs} ms (${messages.length} messages)`));
          }, timeoutMs);
          watchers.add(check);
          check();
        });
      },
    };
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as BotMessage;
      m.arrivedAt = performance.now();
      messages.push(m);
      for (const w of [...watchers]) w();
    });
    connections.push(conn);
    for (const w of [...waiting]) {
      const c = connections[w.idx];
      if (c) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(c);
      }
    }
  });
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/bot/ws`,
    port,
    connections,
    /** The next connection not yet handed out (in arrival order). */
    nextConnection(timeoutMs = 10000): Promise<BotConnection> {
      const idx = claimed++;
      const ready = connections[idx];
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('test bot: no connection')), timeoutMs);
        waiting.push({
          idx,
          resolve: (c) => {
            clearTimeout(t);
            resolve(c);
          },
        });
      });
    },
    close: () => new Promise<void>((r) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => r());
    }),
  };
}

/** Decode leg A / leg B of the `media` frames received (8 kHz Int16 per leg). */
export function legsFromMedia(messages: BotMessage[], channel: 'stereo' | 'mono_a' | 'mono_b'): { a: Int16Array | null; b: Int16Array | null } {
  const bufs = messages.filter((m) => m.event === 'media').map((m) => Buffer.from(m.media!.payload, 'base64'));
  const all = Buffer.concat(bufs);
  const samples = new Int16Array(all.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = all.readInt16LE(2 * i);
  if (channel !== 'stereo') return channel === 'mono_a' ? { a: samples, b: null } : { a: null, b: samples };
  const a = new Int16Array(samples.length >> 1);
  const b = new Int16Array(samples.length >> 1);
  for (let i = 0; i < a.length; i++) {
    a[i] = samples[2 * i]!;
    b[i] = samples[2 * i + 1]!;
  }
  return { a, b };
}

export function wavFile(samples: Float32Array, rate: number): Uint8Array {
  return encodeWav16([floatToInt16(samples)], rate);
}

/** POST a create-stream form with fetch (undici's FormData). */
export async function createStream(baseUrl: string, fields: Record<string, string>, opts: { auth?: string | null; file?: Uint8Array; fileName?: string } = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (opts.file) form.append('audio_file', new Blob([new Uint8Array(opts.file) as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }), opts.fileName ?? 'a.wav');
  const headers: Record<string, string> = {};
  if (opts.auth !== null) headers.authorization = opts.auth ?? `Bearer ${TOKEN}`;
  const res = await fetch(`${baseUrl}/psr/v1/call/stream`, { method: 'POST', body: form, headers });
  return { status: res.status, body: (await res.json()) as { code: string; message: string; data?: { call_id: string; full_recording_url: string; recording_url: string; status: string } } };
}
