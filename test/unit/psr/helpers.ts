// A real HTTP(S) server on 127.0.0.1:0 that records every request it gets, parts parsed in order.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import busboy from 'busboy';

export interface RecordedPart {
  name: string;
  kind: 'field' | 'file';
  value?: string;
  filename?: string;
  mimeType?: string;
  data?: Buffer;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  parts: RecordedPart[];
}

export type Reply = (req: RecordedRequest, res: http.ServerResponse) => void;

export const okReply =
  (callId = '60fb0716-87cf-437a-91e6-cdcecae21b43'): Reply =>
  (req, res) => {
    const base = `http://${req.headers.host}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        code: 'OK',
        message: 'OK',
        data: {
          call_id: callId,
          full_recording_url: `${base}/psr/v1/call/record/full_${callId}.wav`,
          recording_url: `${base}/psr/v1/call/record/${callId}.wav`,
          status: 'in-progress',
        },
      }),
    );
  };

export function parseMultipart(headers: http.IncomingHttpHeaders, raw: Buffer): Promise<RecordedPart[]> {
  return new Promise((resolve, reject) => {
    const parts: RecordedPart[] = [];
    if (!String(headers['content-type'] ?? '').startsWith('multipart/form-data')) return resolve(parts);
    const bb = busboy({ headers, preservePath: true });
    bb.on('field', (name, value) => parts.push({ name, kind: 'field', value }));
    bb.on('file', (name, stream, info) => {
      const part: RecordedPart = { name, kind: 'file', filename: info.filename, mimeType: info.mimeType };
      parts.push(part);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => (part.data = Buffer.concat(chunks)));
    });
    bb.on('close', () => resolve(parts));
    bb.on('error', reject);
    bb.end(raw);
  });
}

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  /** Resolves with the next request received (or an already received one not yet taken). */
  next(): Promise<RecordedRequest>;
  reply: Reply;
  close(): Promise<void>;
}

export async function startRecorder(reply: Reply = okReply(), tls?: { key: string; cert: string }): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const waiting: Array<(r: RecordedRequest) => void> = [];
  let taken = 0;
  const rec: Recorder = {
    url: '',
    requests,
    reply,
    next: () =>
      new Promise((resolve) => {
        if (taken < requests.length) resolve(requests[taken++]!);
        else waiting.push(resolve);
      }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      void parseMultipart(req.headers, raw).then((parts) => {
        const r: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, parts };
        requests.push(r);
        const w = waiting.shift();
        if (w) {
          taken++;
          w(r);
        }
        rec.reply(r, res);
      });
    });
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rec.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return rec;
}

/** A port that was just open and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * A mono WAV header of any format code and bit depth (1 = PCM, 7 = mu-law…) announcing `dataBytes`,
 * followed by `bodyBytes` of `fill` (default: as many as announced). For files the console must refuse.
 */
export function mono44Wav(format: number, rate: number, bits: number, dataBytes: number, bodyBytes = dataBytes, fill = 0): Buffer {
  const b = Buffer.alloc(44 + bodyBytes, fill);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(format, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE((rate * bits) / 8, 28);
  b.writeUInt16LE(bits / 8, 32);
  b.writeUInt16LE(bits, 34);
  b.write('data', 36);
  b.writeUInt32LE(dataBytes, 40);
  return b;
}

/** A 16-bit PCM WAV of a sine wave. */
export function sineWav(opts: { sampleRate: number; channels: number; seconds: number; freq?: number }): Buffer {
  const { sampleRate, channels, seconds } = opts;
  const frames = Math.round(sampleRate * seconds);
  const dataBytes = frames * channels * 2;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * channels * 2, 28);
  b.writeUInt16LE(channels * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(dataBytes, 40);
  const w = 2 * Math.PI * (opts.freq ?? 440);
  for (let f = 0, o = 44; f < frames; f++) {
    const v = Math.round(Math.sin((w * f) / sampleRate) * 12000);
    for (let c = 0; c < channels; c++, o += 2) b.writeInt16LE(v, o);
  }
  return b;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
