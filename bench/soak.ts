// `npm run soak -- --calls 200 --minutes 10`: a long run of the embedded endpoint under mixed load, all on
// loopback. The endpoint runs in its own process (bench/soak-endpoint.ts); this process is the load
// generator. It keeps `--calls` calls connected at once for `--minutes`: each call streams stereo PCM in
// real time for 2–5 s with 1 % garbage frames; every 20th call gets a second connection with the SAME
// call_id that opens while the first is still streaming (PSR reconnecting: the endpoint must give it
// `<id>~2`), every 20th call reuses the call_id of its slot's previous call after it closed, and one idle
// socket (connects, never sends) per 10 calls must be closed by the endpoint. Recordings are checked
// sample for sample against what each connection sent, while the run goes (then deleted, so the disk
// stays small) and at the end. Prints calls completed, recordings verified (and how many were `~N`
// sets), the endpoint's RSS at start / after warm-up / middle / end (and every 10 s), its event-loop
// delay p99, and a verdict; exits 1 when anything was lost or memory was not flat (the late RSS within
// 10 % of the early post-warm-up RSS), 0 otherwise. Not part of `npm test`.
//
// Flags: --calls N (default 200), --minutes M (default 10), --drop N (delete N recordings before they
// are verified: shows that the verdict fails when recordings are lost).
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { decodeWav } from '../src/main/audio/wav';
import type { SoakReply, SoakRequest } from './soak-endpoint';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '200' }, minutes: { type: 'string', default: '10' }, drop: { type: 'string', default: '0' } },
});
const CONCURRENT = Math.max(1, Math.min(2000, Math.floor(Number(values.calls))));
const MINUTES = Math.max(0.1, Math.min(120, Number(values.minutes)));
const DROP = Math.max(0, Math.floor(Number(values.drop)));
if (!Number.isFinite(CONCURRENT) || !Number.isFinite(MINUTES)) throw new Error('--calls and --minutes take numbers');
const FRAME_SAMPLES = 160; // 20 ms at 8 kHz, per leg
const IDLE_EVERY = 10; // one idle socket per this many calls started
const FLAT = 0.1; // memory is flat when the late RSS stays within 10 % of the early post-warm-up RSS
const SAMPLE_MS = 10_000; // the endpoint's RSS is sampled this often
const VERIFY_EVERY_MS = 15_000;

// ---- the endpoint, in its own process ----
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-soak-'));
const here = path.dirname(fileURLToPath(import.meta.url));
const child: ChildProcess = fork(path.join(here, 'soak-endpoint.ts'), [dir], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const waiting: Array<(m: SoakReply) => void> = [];
child.on('message', (m: SoakReply) => waiting.shift()?.(m));
child.on('exit', (code) => {
  if (!finished) {
    process.stderr.write(`soak: the endpoint process exited (code ${code}) during the run: FAIL\n`);
    process.exit(1);
  }
});
let finished = false;
/** Sends `req` (if any) and waits for the endpoint's reply of `type` (replies come in order). */
function ask<T extends SoakReply['type']>(req: SoakRequest | null, type: T): Promise<Extract<SoakReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    waiting.push((m) => (m.type === type ? resolve(m as Extract<SoakReply, { type: T }>) : reject(new Error(`soak: expected '${type}' from the endpoint, got '${m.type}'`))));
    if (req) child.send(req);
  });
}
const url = (await ask(null, 'ready')).url;
const stats = () => ask({ type: 'stats' }, 'stats');
const rss: { start: number; warm: number; middle: number; end: number } = { start: (await stats()).rssMb, warm: 0, middle: 0, end: 0 };

// ---- the load ----
/** A connection's audio is a function of its number k: nothing sent is kept in memory. */
function sample(k: number, i: number, leg: number): number {
  return ((k * 7919 + i * (leg ? 13 : 7)) % 20000) - 10000;
}
const framesOf = (k: number) => 100 + (k % 150); // 2 to 5 s

/** Connections that ended after sending everything, not yet matched to a recording, by call_id. */
const pending = new Map<string, number[]>();
const live = new Map<string, number>(); // call_id → sockets open now
const count = { started: 0, completed: 0, failed: 0, garbage: 0, idle: 0, idleClosedByEndpoint: 0, concurrentReconnects: 0, laterReconnects: 0 };
const verify = { verified: 0, verifiedTilde: 0, unmatched: 0, dropped: 0 };
const failures: string[] = [];
const endAt = Date.now() + MINUTES * 60_000;

async function runCall(k: number, id: string, onHalf?: () => void): Promise<void> {
  const frames = framesOf(k);
  const ws = new WebSocket(`${url}?call_id=${encodeURIComponent(id)}&tenant=soak`);
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (req, res) => {
      req.destroy();
      reject(new Error(`refused: HTTP ${res.statusCode}`));
    });
    ws.once('close', () => reject(new Error('closed before open')));
  });
  if ((live.get(id) ?? 0) > 0) count.concurrentReconnects++;
  live.set(id, (live.get(id) ?? 0) + 1);
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  try {
    const send = (o: unknown) => ws.send(JSON.stringify(o));
    send({ timestamp: Date.now(), event: 'connected', data: { call_id: id, channel: 'stereo' } });
    const buf = Buffer.alloc(FRAME_SAMPLES * 4);
    for (let f = 0; f < frames; f++) {
      if (ws.readyState !== ws.OPEN) throw new Error(`closed by the endpoint after ${f} frames`);
      if ((k * 31 + f) % 100 === 0) {
        count.garbage++;
        ws.send(f % 2 ? '{"event":"media","media":{"payload":"!!not base64!!"}' : 'garbage');
      }
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const n = f * FRAME_SAMPLES + i;
        buf.writeInt16LE(sample(k, n, 0), i * 4);
        buf.writeInt16LE(sample(k, n, 1), i * 4 + 2);
      }
      send({ timestamp: Date.now(), event: 'media', media: { payload: buf.toString('base64') }, data: { call_id: id, channel: 'stereo' } });
      if (f === frames >> 1) onHalf?.();
      await new Promise((r) => setTimeout(r, 20));
    }
    send({ timestamp: Date.now(), event: 'closed', data: { call_id: id, channel: 'stereo' } });
    const timer = setTimeout(() => ws.close(), 2000);
    await closed;
    clearTimeout(timer);
  } finally {
    live.set(id, (live.get(id) ?? 1) - 1);
    if (live.get(id) === 0) live.delete(id);
  }
  const list = pending.get(id) ?? [];
  list.push(k);
  pending.set(id, list);
}

const idleClosed: Promise<void>[] = [];
function idleSocket(): void {
  count.idle++;
  const ws = new WebSocket(`${url}?call_id=idle-${count.idle}&tenant=soak`);
  ws.on('error', () => {});
  // The endpoint closes a socket that sends nothing (1008 after its idle timeout, 1013 if evicted).
  idleClosed.push(
    new Promise((resolve) =>
      ws.on('close', (code) => {
        clearTimeout(timer);
        if (code === 1008 || code === 1013) count.idleClosedByEndpoint++;
        resolve();
      }),
    ),
  );
  const timer = setTimeout(() => ws.terminate(), 30_000);
}

async function attempt(k: number, id: string, onHalf?: () => void): Promise<void> {
  try {
    await runCall(k, id, onHalf);
    count.completed++;
  } catch (e) {
    count.failed++;
    if (failures.length < 10) failures.push(`${id} (#${k}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function worker(slot: number): Promise<void> {
  let lastId: string | null = null;
  while (Date.now() < endAt) {
    const k = count.started++;
    if (k % IDLE_EVERY === 0) idleSocket();
    // Every 20th call reuses its slot's previous call_id after that call closed (a later retry)...
    const reuse = k % 20 === 19 && lastId !== null;
    if (reuse) count.laterReconnects++;
    const id: string = reuse && lastId ? lastId : `soak-${slot}-${k}`;
    // ...and every 20th gets a second connection with the same call_id half-way through (PSR reconnecting).
    const seconds: Promise<void>[] = [];
    const onHalf = k % 20 === 10 ? () => void seconds.push(attempt(count.started++, id)) : undefined;
    await attempt(k, id, onHalf);
    await Promise.all(seconds);
    lastId = id;
  }
}

// ---- verification: every ended connection's audio, sample for sample, in a recording of its call_id ----
function matches(file: string, k: number): boolean {
  const w = decodeWav(fs.readFileSync(file));
  const left = w.samples[0];
  const right = w.samples[1];
  const n = framesOf(k) * FRAME_SAMPLES;
  if (!left || !right || left.length !== n || right.length !== n) return false;
  for (let i = 0; i < n; i++) {
    if (Math.round(left[i]! * 32768) !== sample(k, i, 0) || Math.round(right[i]! * 32768) !== sample(k, i, 1)) return false;
  }
  return true;
}

/** Checks the file sets whose call has ended (meta has endedAt); deletes the ones matched. */
function verifyEnded(final: boolean): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.meta.json')) continue;
    const base = name.slice(0, -'.meta.json'.length);
    const metaPath = path.join(dir, name);
    let meta: { endedAt?: number | null };
    try {
      meta = JSON.parse(fs.readFileSync(metaPath, 'utf8')) as typeof meta;
    } catch {
      continue; // being rewritten
    }
    if (!final && !meta.endedAt) continue;
    const wav = path.join(dir, `${base}.wav`);
    const id = base.replace(/~\d+$/, '');
    const list = pending.get(id) ?? [];
    if (verify.dropped < DROP && fs.existsSync(wav)) {
      fs.rmSync(wav);
      verify.dropped++;
    }
    const at = fs.existsSync(wav) ? list.findIndex((k) => matches(wav, k)) : -1;
    if (at < 0) {
      // Its connection may not have reported its end yet; at the end, an unmatched file is a fault.
      if (final) verify.unmatched++;
      continue;
    }
    list.splice(at, 1);
    if (list.length === 0) pending.delete(id);
    verify.verified++;
    if (base !== id) verify.verifiedTilde++;
    for (const ext of ['.wav', '.meta.json', '.events.jsonl']) fs.rmSync(path.join(dir, `${base}${ext}`), { force: true });
  }
}

const started = Date.now();
const runMs = MINUTES * 60_000;
// Warm-up: the first fifth of the run, at least 30 s (or half of a shorter run). RSS only settles once
// the allocator has seen the steady load.
const warmMs = Math.max(runMs * 0.2, Math.min(30_000, runMs * 0.5));
const series: Array<{ t: number; rssMb: number }> = [];
const sampler = setInterval(() => void stats().then((s) => series.push({ t: Date.now() - started, rssMb: s.rssMb })), SAMPLE_MS);
const at = (fraction: number, fn: () => Promise<void>) => setTimeout(() => void fn(), runMs * fraction);
const timers = [
  setTimeout(() => void stats().then((s) => (rss.warm = s.rssMb)), warmMs),
  at(0.5, async () => void (rss.middle = (await stats()).rssMb)),
];
const verifier = setInterval(() => verifyEnded(false), VERIFY_EVERY_MS);
const progress = setInterval(() => {
  const s = Math.round((Date.now() - started) / 1000);
  process.stderr.write(`soak: ${s} s, ${count.completed} calls completed, ${verify.verified} verified, ${count.failed} failed\n`);
}, 60_000);

const workers = Array.from({ length: CONCURRENT }, (_, s) => worker(s));
// The end figure is taken when the run's time is up, with its last calls still streaming.
await new Promise((r) => setTimeout(r, Math.max(0, endAt - Date.now())));
const endStats = await stats();
rss.end = endStats.rssMb;
await Promise.all(workers);
await Promise.all(idleClosed); // the last ones wait out the endpoint's idle timeout
timers.forEach(clearTimeout);
clearInterval(sampler);
clearInterval(verifier);
clearInterval(progress);
const last = await stats();
finished = true;
child.send({ type: 'close' } satisfies SoakRequest);
await ask(null, 'closed');
verifyEnded(true);
fs.rmSync(dir, { recursive: true, force: true });

// ---- report ----
const lost = [...pending.values()].reduce((n, l) => n + l.length, 0);
// Flat: the mean RSS of the last third of the post-warm-up samples is within 10 % of the first third's
// (a leak shows as a trend; one noisy sample does not decide). With too few samples, the single figures.
const post = series.filter((p) => p.t >= warmMs && p.t <= runMs).map((p) => p.rssMb);
const third = Math.max(1, Math.floor(post.length / 3));
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
const early = post.length >= 3 ? mean(post.slice(0, third)) : rss.warm;
const late = post.length >= 3 ? mean(post.slice(-third)) : rss.end;
const memoryLimit = Math.round(early * (1 + FLAT) * 10) / 10;
const memoryFlat = early > 0 && late <= memoryLimit;
const nothingLost = lost === 0 && verify.unmatched === 0 && count.failed === 0 && verify.verified === count.completed;
const idleOk = count.idleClosedByEndpoint === count.idle;
const result = {
  concurrent: CONCURRENT,
  minutes: MINUTES,
  callsStarted: count.started,
  callsCompleted: count.completed,
  callsFailed: count.failed,
  recordingsVerifiedSampleExact: verify.verified,
  ofWhichTildeSets: verify.verifiedTilde,
  recordingsLost: lost,
  recordingsUnmatched: verify.unmatched,
  concurrentReconnects: count.concurrentReconnects,
  laterReconnects: count.laterReconnects,
  garbageFrames: count.garbage,
  idleSockets: count.idle,
  idleClosedByEndpoint: count.idleClosedByEndpoint,
  endpointRssMb: { ...rss, afterCalls: last.rssMb, earlyMean: early, lateMean: late, samplesAfterWarmup: post.length, min: Math.min(...post), max: Math.max(...post) },
  endpointHeapMbAtEnd: endStats.heapMb,
  endpointEventLoopDelayMs: { p99: Math.round(last.eventLoopP99Ms * 100) / 100, max: Math.round(last.eventLoopMaxMs * 100) / 100 },
  loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
  failures,
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
const verdict = [
  `${nothingLost ? 'PASS' : 'FAIL'} nothing lost: ${count.completed} calls completed, ${verify.verified} recordings verified sample-exact (${verify.verifiedTilde} of them ~N sets), ${lost} lost, ${verify.unmatched} unmatched, ${count.failed} failed`,
  `${memoryFlat ? 'PASS' : 'FAIL'} memory flat: endpoint RSS ${early} MB early after warm-up, ${late} MB late (limit ${memoryLimit} MB, +${FLAT * 100} %); ${rss.start} / ${rss.warm} / ${rss.middle} / ${rss.end} MB at start / warm-up / middle / end`,
  `${idleOk ? 'PASS' : 'FAIL'} idle sockets: ${count.idleClosedByEndpoint} of ${count.idle} closed by the endpoint`,
  `${count.concurrentReconnects > 0 ? 'PASS' : 'FAIL'} reconnects: ${count.concurrentReconnects} opened while their call_id's first socket was live, ${count.laterReconnects} after it closed`,
];
process.stdout.write(verdict.join('\n') + '\n');
const ok = nothingLost && memoryFlat && idleOk && count.concurrentReconnects > 0;
process.stdout.write(`soak: ${ok ? 'PASS' : 'FAIL'}\n`);
process.exit(ok ? 0 : 1);
