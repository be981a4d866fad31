// Shared test helpers for the endpoint: a service on port 0 in a temp folder, a PSR-like client,
// signals, and a strict reader for the recordings we write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import type { CallEnded } from '../../../src/shared/contract/live';
import { EndpointService, type EndpointServiceOptions } from '../../../src/main/endpoint/endpoint-service';
import { silentLogger } from '../../../src/main/logger';

export interface Emitted {
  name: EventName;
  payload: unknown;
  /** performance.now() when emitted. */
  at: number;
}

export function tempDir(prefix = 'psr-endpoint-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function makeService(extra: Partial<EndpointServiceOptions> = {}) {
  const dir = tempDir();
  const events: Emitted[] = [];
  const listeners = new Set<(e: Emitted) => void>();
  const service = new EndpointService({
    dataDir: dir,
    recordingsDir: path.join(dir, 'recordings'),
    logger: silentLogger,
    emit: (name, payload) => {
      const e = { name, payload, at: performance.now() };
      events.push(e);
      for (const l of listeners) l(e);
    },
    ...extra,
  });
  /** Resolves with the first event (already seen or future) matching. */
  function waitEvent<K extends EventName>(name: K, pred: (p: EventPayload<K>) => boolean = () => true, timeoutMs = 10_000): Promise<EventPayload<K>> {
    const hit = events.find((e) => e.name === name && pred(e.payload as EventPayload<K>));
    if (hit) return Promise.resolve(hit.payload as EventPayload<K>);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        listeners.delete(l);
        reject(new Error(`timed out waiting for ${name}`));
      }, timeoutMs);
      const l = (e: Emitted): void => {
        if (e.name === name && pred(e.payload as EventPayload<K>)) {
          clearTimeout(t);
          listeners.delete(l);
          resolve(e.payload as EventPayload<K>);
        }
      };
      listeners.add(l);
    });
  }
  const ended = (callId: string) => waitEvent('call:ended', (p) => p.callId === callId) as Promise<CallEnded>;
  return { service, dir, recordingsDir: path.join(dir, 'recordings'), events, waitEvent, ended };
}

/** A PSR-like client: opens the socket with call_id/tenant and sends protocol frames. */
export async function psrClient(url: string, query: Record<string, string>, opts: WebSocket.ClientOptions = {}): Promise<PsrClient> {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  const ws = new WebSocket(u.toString(), opts);
  const received: Array<{ data: Buffer; isBinary: boolean }> = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    received.push({ data: Buffer.from(data), isBinary });
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return new PsrClient(ws, query.call_id ?? '', received, waiters);
}

export class PsrClient {
  constructor(
    readonly ws: WebSocket,
    readonly callId: string,
    readonly received: Array<{ data: Buffer; isBinary: boolean }>,
    private readonly waiters: Set<() => void>,
  ) {}

  send(data: string | Buffer, binary = false): Promise<void> {
    return new Promise((resolve, reject) => this.ws.send(data, { binary }, (err) => (err ? reject(err) : resolve())));
  }

  json(obj: unknown): Promise<void> {
    return this.send(JSON.stringify(obj));
  }

  connected(channel: string): Promise<void> {
    return this.json({ timestamp: Date.now(), event: 'connected', data: { call_id: this.callId, channel } });
  }

  media(bytes: Uint8Array, channel: string, timestamp = Date.now()): Promise<void> {
    return this.json({ timestamp, event: 'media', media: { payload: Buffer.from(bytes).toString('base64') }, data: { call_id: this.callId, channel } });
  }

  /** What PSR does at the end of a call: send `closed`, then close the socket. */
  async closed(): Promise<void> {
    await this.json({ timestamp: Date.now(), event: 'closed', data: { call_id: this.callId } });
    await this.close();
  }

  /** Wait until `count` messages have arrived from the endpoint. */
  waitMessages(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${count} messages (got ${this.received.length})`)), timeoutMs);
      const w = (): void => {
        if (this.received.length >= count) {
          clearTimeout(t);
          this.waiters.delete(w);
          resolve();
        }
      };
      this.waiters.add(w);
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close(1000);
    });
  }
}

/** A sine as 16-bit samples. */
export function sine(freq: number, seconds: number, amplitude = 0.5, rate = 8000): Int16Array {
  const n = Math.round(seconds * rate);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(Math.max(-32768, Math.min(32767, amplitude * 32767 * Math.sin((2 * Math.PI * freq * i) / rate))));
  return out;
}

export function interleave(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(a.length * 2);
  for (let i = 0; i < a.length; i++) {
    out[2 * i] = a[i]!;
    out[2 * i + 1] = b[i]!;
  }
  return out;
}

export function bytesOf(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}

/** Deterministic PRNG (mulberry32) so random chunk sizes are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Split bytes into random-size chunks (1..maxChunk bytes), so many chunks split a sample. */
export function randomChunks(bytes: Uint8Array, maxChunk: number, rand: () => number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * maxChunk);
    out.push(bytes.subarray(i, Math.min(bytes.length, i + n)));
    i += n;
  }
  return out;
}

export interface ParsedWav {
  channels: number;
  sampleRate: number;
  bitDepth: number;
  dataBytes: number;
  /** Per channel. */
  samples: Int16Array[];
}

/** Reads our 44-byte-header recordings strictly: the header sizes must be consistent with the file. */
export function readWav(file: string): ParsedWav {
  const buf = fs.readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not RIFF/WAVE');
  const channels = buf.readUInt16LE(22);
  const sampleRate = buf.readUInt32LE(24);
  const bitDepth = buf.readUInt16LE(34);
  const dataBytes = buf.readUInt32LE(40);
  if (buf.readUInt32LE(4) !== 36 + dataBytes) throw new Error('RIFF size inconsistent with data size');
  if (44 + dataBytes > buf.length) throw new Error(`header says ${dataBytes} data bytes but the file holds ${buf.length - 44}`);
  const frames = dataBytes / (2 * channels);
  const samples: Int16Array[] = [];
  for (let c = 0; c < channels; c++) {
    const ch = new Int16Array(frames);
    for (let i = 0; i < frames; i++) ch[i] = buf.readInt16LE(44 + (i * channels + c) * 2);
    samples.push(ch);
  }
  return { channels, sampleRate, bitDepth, dataBytes, samples };
}
