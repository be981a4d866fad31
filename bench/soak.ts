// `npm run soak -- [--calls 200] [--minutes 10]`: a long run of the embedded endpoint under mixed load,
// all on loopback. Keeps `--calls` calls connected at once for `--minutes`: each call streams stereo PCM
// in real time for a few seconds, 1 % of its frames are garbage, some calls reconnect with the same
// call_id, and idle sockets (connect, never send) are mixed in. At the end every recording is checked
// sample for sample against what was sent. Prints calls completed, recordings verified, RSS at
// start/middle/end and the event-loop delay p99. Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { decodeWav } from '../src/main/audio/wav';
import { EndpointServer } from '../src/main/endpoint/endpoint-server';
import { silentLogger } from '../src/main/logger';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200' }, minutes: { type: 'string', default: '10' } } });
const CONCURRENT = Math.max(1, Math.min(2000, Number(values.calls)));
const MINUTES = Math.max(0.1, Math.min(120, Number(values.minutes)));
const FRAME_SAMPLES = 160; // 20 ms at 8 kHz, per leg
const IDLE_EVERY = 10; // one idle socket per this many calls started

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-soak-'));
const server = await EndpointServer.listen({ host: '127.0.0.1', port: 0, path: '/server/ws', tls: null, recordingsDir: dir, logger: silentLogger });
const url = server.url;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const rss = { start: mb(), middle: 0, end: 0 };

/** What each connection sent: its left/right samples, keyed by a unique signature in sample 0. */
const sent: Array<{ id: string; left: Int16Array; right: Int16Array }> = [];
let started = 0;
let completed = 0;
let failed = 0;
let garbage = 0;
let idleOpened = 0;
const endAt = Date.now() + MINUTES * 60_000;

function sample(k: number, i: number, leg: number): number {
  return ((k * 7919 + i * (leg ? 13 : 7)) % 20000) - 10000;
}

async function runCall(k: number, id: string): Promise<void> {
  const frames = 100 + (k % 150); // 2 to 5 s
  const left = new Int16Array(frames * FRAME_SAMPLES);
  const right = new Int16Array(frames * FRAME_SAMPLES);
  const ws = new WebSocket(`${url}?call_id=${id}&tenant=soak`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const send = (o: unknown) => ws.send(JSON.stringify(o));
  send({ timestamp: Date.now(), event: 'connected', data: { call_id: id, channel: 'stereo' } });
  for (let f = 0; f < frames; f++) {
    if ((k * 31 + f) % 100 === 0) {
      garbage++;
      ws.send(f % 2 ? '{"event":"media","media":{"payload":"!!not base64!!"}' : 'garbage');
    }
    const buf = Buffer.alloc(FRAME_SAMPLES * 4);
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const n = f * FRAME_SAMPLES + i;
      left[n] = sample(k, n, 0);
      right[n] = sample(k, n, 1);
      buf.writeInt16LE(left[n]!, i * 4);
      buf.writeInt16LE(right[n]!, i * 4 + 2);
    }
    send({ timestamp: Date.now(), event: 'media', media: { payload: buf.toString('base64') }, data: { call_id: id, channel: 'stereo' } });
    await new Promise((r) => setTimeout(r, 20));
  }
  send({ timestamp: Date.now(), event: 'closed', data: { call_id: id, channel: 'stereo' } });
  await new Promise<void>((resolve) => {
    ws.once('close', () => resolve());
    setTimeout(() => {
      ws.close();
      resolve();
    }, 2000).unref();
  });
  sent.push({ id, left, right });
}

function idleSocket(): void {
  idleOpened++;
  const ws = new WebSocket(`${url}?call_id=idle-${idleOpened}&tenant=soak`);
  ws.on('error', () => {});
  setTimeout(() => ws.terminate(), 15_000).unref();
}

async function worker(slot: number): Promise<void> {
  let lastId: string | null = null;
  while (Date.now() < endAt) {
    const k = started++;
    if (k % IDLE_EVERY === 0) idleSocket();
    // Every 20th call reconnects with the call_id its slot used last (PSR retrying).
    const id: string = k % 20 === 19 && lastId ? lastId : `soak-${slot}-${k}`;
    try {
      await runCall(k, id);
      completed++;
    } catch {
      failed++;
    }
    lastId = id;
  }
}

const middle = setTimeout(() => (rss.middle = mb()), (MINUTES * 60_000) / 2);
await Promise.all(Array.from({ length: CONCURRENT }, (_, s) => worker(s)));
clearTimeout(middle);
await new Promise((r) => setTimeout(r, 1000));
rss.end = mb();
delay.disable();
await server.close();

// Verify: each connection's audio must be found, sample-exact, in some recording.
function wavsIn(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? wavsIn(path.join(d, e.name)) : e.name.endsWith('.wav') ? [path.join(d, e.name)] : []));
}
const recordings = wavsIn(dir).map((f) => {
  const w = decodeWav(fs.readFileSync(f));
  const toInt = (c: Float32Array | undefined) => Int16Array.from(c ?? [], (v) => Math.round(v * 32768));
  return { left: toInt(w.samples[0]), right: toInt(w.samples[1]) };
});
const same = (a: Int16Array, b: Int16Array) => a.length === b.length && a.every((v, i) => v === b[i]);
let verified = 0;
for (const s of sent) if (recordings.some((r) => same(r.left, s.left) && same(r.right, s.right))) verified++;
fs.rmSync(dir, { recursive: true, force: true });

const result = {
  concurrent: CONCURRENT,
  minutes: MINUTES,
  callsStarted: started,
  callsCompleted: completed,
  callsFailed: failed,
  recordingsVerifiedSampleExact: verified,
  recordingsLost: completed - verified,
  garbageFrames: garbage,
  idleSockets: idleOpened,
  rssMb: rss,
  eventLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e4) / 100,
  loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
process.exit(0);
