// Ingest benchmark (prints figures, asserts nothing).
//   npm run bench:ingest [-- --k 200,1000 --seconds 5 --rounds 3 --loopback-only | --no-loopback] [--only bare|endpoint]
//
// Part 1, hot path in-process: PSR media frames (20 ms stereo, JSON text, as the socket delivers
// them) through the endpoint's real frame path (CallIngest: the stream protocol's reader → base64 →
// sample decode → per-leg levels → WAV recording → call log line), against a naive baseline
// measured in the same run (per-sample objects and arrays, Buffer.concat recording).
//
// Part 2, loopback: K PSR-like clients (a separate load-generator process) each send one 20 ms
// stereo frame every 20 ms for S seconds to (a) a bare `ws` server that only counts messages,
// (b) a minimal correct receiver (ws + JSON.parse + base64 decode + append the PCM to a file) and
// (c) the full endpoint (sessions, meters, recordings, call logs). Prints the server process's CPU
// per real-time call for each, the endpoint's ratio to both, and calls per core at that cost.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { EndpointService } from '../src/main/endpoint/endpoint-service';
import { CallIngest } from '../src/main/endpoint/frame-ingest';
import { silentLogger } from '../src/main/logger';
import { FRAME_BYTES, FRAME_SAMPLES, makeFrames } from './psr-frames';

/** The endpoint's own frame path, no socket: the very code a CallSession runs per frame. */
async function realIngest(frames: Buffer[], dir: string): Promise<number> {
  let windows = 0;
  const sink = { window: () => void windows++, voice: () => {} };
  const ingest: CallIngest = new CallIngest('bench', sink, {
    start: () => {
      ingest.log.open(path.join(dir, 'bench.events.jsonl'), null);
      return path.join(dir, `bench-${Date.now()}-${Math.random()}.wav`);
    },
    started: () => {},
    connected: () => {},
    closed: () => {},
  }, { now: Date.now, logger: silentLogger, softFrameLimit: 1 << 20, idForAppLog: () => 'bench' });
  const t0 = process.hrtime.bigint();
  for (const buf of frames) ingest.frame(buf, false, Date.now());
  await ingest.recording?.close();
  await ingest.log.close();
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (windows !== frames.length * 2) throw new Error(`the endpoint's path lost windows (${windows})`);
  return secs;
}

/** What one writes first: objects per sample, arrays that grow, Math.max over spreads. */
async function naive(frames: string[], file: string): Promise<number> {
  const recorded: Buffer[] = [];
  const windowsA: number[][] = [];
  let curA: number[] = [];
  let curB: number[] = [];
  const levels: Array<{ peak: number; rms: number }> = [];
  const t0 = process.hrtime.bigint();
  for (const text of frames) {
    const msg = JSON.parse(text) as { media: { payload: string } };
    const bytes = Buffer.from(msg.media.payload, 'base64');
    const samples: Array<{ a: number; b: number }> = [];
    for (let i = 0; i + 3 < bytes.length; i += 4) samples.push({ a: bytes.readInt16LE(i), b: bytes.readInt16LE(i + 2) });
    for (const s of samples) {
      curA.push(s.a);
      curB.push(s.b);
      if (curA.length === FRAME_SAMPLES) {
        for (const w of [curA, curB]) {
          const abs = w.map((x) => Math.abs(x));
          levels.push({ peak: 20 * Math.log10(Math.max(...abs) / 32768), rms: 10 * Math.log10(w.reduce((s2, x) => s2 + x * x, 0) / w.length / 32768 ** 2) });
        }
        windowsA.push(curA);
        curA = [];
        curB = [];
      }
    }
    recorded.push(Buffer.from(bytes));
  }
  const data = Buffer.concat(recorded);
  const header = Buffer.alloc(44);
  fs.writeFileSync(file, Buffer.concat([header, data]));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (levels.length !== frames.length * 2) throw new Error('naive path lost windows');
  return secs;
}

async function hotPath(): Promise<void> {
  const n = 50_000; // 1000 s of call audio
  const frames = makeFrames(n);
  const bufs = frames.map((f) => Buffer.from(f));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-'));
  // Warm both paths so the JIT has seen them before measuring.
  await realIngest(bufs.slice(0, 2000), dir);
  await naive(frames.slice(0, 2000), path.join(dir, 'w2.wav'));
  const best = async (fn: () => Promise<number>) => Math.min(await fn(), await fn(), await fn());
  const tOpt = await best(() => realIngest(bufs, dir));
  const tNaive = await best(() => naive(frames, path.join(dir, 'naive.wav')));
  const mb = (n * FRAME_BYTES) / 1e6;
  const row = (name: string, t: number) => `  ${name.padEnd(34)} ${(n / t).toFixed(0).padStart(9)} frames/s ${(mb / t).toFixed(1).padStart(7)} MB/s audio  (${((t / n) * 1e6).toFixed(2)} µs/frame)`;
  console.log(`Hot path: ${n} media frames of 20 ms stereo (${mb.toFixed(1)} MB of PCM), best of 3`);
  console.log(row('endpoint frame path (CallIngest)', tOpt));
  console.log(row('naive baseline (per-sample objects)', tNaive));
  console.log(`  speed-up: ${(tNaive / tOpt).toFixed(1)}×; one core ingests ${(n / tOpt / 50).toFixed(0)} real-time stereo calls on this path alone`);
  fs.rmSync(dir, { recursive: true, force: true });
}

// ---- part 2: loopback -------------------------------------------------------------------------
//
// Fair comparison: the same K, the same frames, the same client process; the server's CPU is
// counted only in the steady state, from the moment every call is set up (the endpoint opens files
// on `connected`) until the server has taken in every frame sent, before any socket closes (ending
// a call finalises files: a per-call cost, not a per-second one). Rounds alternate bare / endpoint
// so a change in machine load hits both.

interface ClientReport {
  sent: number;
  lateMs: number;
}

/** Child process: K clients, one frame each every 20 ms (one shared timer keeps the load generator cheap). */
async function clientMain(url: string, k: number, seconds: number): Promise<void> {
  const frames = makeFrames(50);
  const sockets = await Promise.all(
    Array.from({ length: k }, (_, i) => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${url}?call_id=bench-${i}&tenant=bench`, { perMessageDeflate: false });
      ws.once('open', () => {
        ws.send(JSON.stringify({ event: 'connected', data: { call_id: `bench-${i}`, channel: 'stereo' } }));
        resolve(ws);
      });
      ws.once('error', reject);
    })),
  );
  const next = (): Promise<void> => new Promise<void>((resolve) => process.once('message', () => resolve()));
  // Connection set-up is not part of the steady state being measured: wait for the parent's go.
  process.send!({ ready: true });
  await next();
  const t0 = Date.now();
  let tick = 0;
  let sent = 0;
  let lateMs = 0;
  await new Promise<void>((resolve) => {
    const step = (): void => {
      const due = Math.floor((Date.now() - t0) / 20);
      lateMs = Math.max(lateMs, Date.now() - (t0 + tick * 20));
      while (tick <= due && tick < seconds * 50) {
        const text = frames[tick % 50]!;
        for (const ws of sockets) ws.send(text, { binary: false, compress: false });
        sent += k;
        tick++;
      }
      if (tick >= seconds * 50) return resolve();
      setTimeout(step, Math.max(0, t0 + tick * 20 - Date.now()));
    };
    step();
  });
  process.send!({ sent, lateMs } satisfies ClientReport);
  await next(); // the parent has its figures; now end the calls
  for (const ws of sockets) ws.send(JSON.stringify({ event: 'closed' }));
  await Promise.all(sockets.map((ws) => new Promise<void>((r) => (ws.once('close', () => r()), ws.close()))));
}

interface ServerUnderTest {
  url: string;
  /** Calls set up (connected handled). */
  ready(): number;
  /** Media frames taken in so far. */
  received(): number;
}

interface Measured {
  cpuPerCall: number;
  keptUp: boolean;
  report: ClientReport;
  received: number;
  lagP99: number;
  wall: number;
}

async function until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

async function measure(server: ServerUnderTest, k: number, seconds: number): Promise<Measured> {
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const child = fork(fileURLToPath(import.meta.url), ['--client', server.url, String(k), String(seconds)], { execArgv: ['--import', 'tsx'] });
  const messages: Array<ClientReport | { ready: true }> = [];
  let wake: (() => void) | null = null;
  child.on('message', (m: ClientReport | { ready: true }) => {
    messages.push(m);
    wake?.();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const nextMessage = async (): Promise<ClientReport | { ready: true }> => {
    while (messages.length === 0) {
      const got = await Promise.race([new Promise<boolean>((r) => (wake = () => r(true))), exited.then(() => false)]);
      if (!got && messages.length === 0) throw new Error('client exited early');
    }
    return messages.shift()!;
  };
  await nextMessage(); // ready: every socket is open and has sent `connected`
  if (!(await until(() => server.ready() >= k, 30_000))) throw new Error(`only ${server.ready()}/${k} calls set up`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  lag.enable();
  child.send('go');
  const report = (await nextMessage()) as ClientReport;
  // Count the frames still in flight as part of the run; 2 s of grace, then whatever arrived.
  await until(() => server.received() >= report.sent, 2000);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  lag.disable();
  const received = server.received();
  child.send('close');
  await exited;
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const lagP99 = lag.percentile(99) / 1e6;
  // Per second of call audio actually delivered (50 frames = 1 s), so a slow load generator does not flatter the figure.
  const callSeconds = received / 50;
  // Kept up: every frame was taken in, and the server's event loop was late by less than one frame (20 ms) 99% of the time.
  return { cpuPerCall: cpuSec / callSeconds, keptUp: received >= report.sent && lagP99 < 20, report, received, lagP99, wall };
}

async function measureBare(k: number, seconds: number): Promise<Measured> {
  let media = 0;
  let ready = 0;
  const bare = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 8 * 1024 * 1024, perMessageDeflate: false });
  bare.on('connection', (ws) => {
    let first = true;
    ws.on('message', () => {
      if (first) {
        first = false;
        ready++;
      } else media++;
    });
  });
  await new Promise((r) => bare.once('listening', r));
  const url = `ws://127.0.0.1:${(bare.address() as { port: number }).port}/`;
  const m = await measure({ url, ready: () => ready, received: () => media }, k, seconds);
  await new Promise((r) => bare.close(r));
  return m;
}

/** The floor for a correct receiver: parse, decode, append the PCM to a file; nothing else. */
async function measureMinimal(k: number, seconds: number): Promise<Measured> {
  let media = 0;
  let ready = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-min-'));
  const srv = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 8 * 1024 * 1024, perMessageDeflate: false });
  let n = 0;
  const files: fs.WriteStream[] = [];
  srv.on('connection', (ws) => {
    const out = fs.createWriteStream(path.join(dir, `${n++}.pcm`));
    files.push(out);
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as { event: string; media?: { payload: string } };
      if (msg.event === 'media' && msg.media) {
        out.write(Buffer.from(msg.media.payload, 'base64'));
        media++;
      } else if (msg.event === 'connected') ready++;
    });
  });
  await new Promise((r) => srv.once('listening', r));
  const url = `ws://127.0.0.1:${(srv.address() as { port: number }).port}/`;
  const m = await measure({ url, ready: () => ready, received: () => media }, k, seconds);
  await new Promise((r) => srv.close(r));
  await Promise.all(files.map((f) => new Promise((r) => f.end(r))));
  fs.rmSync(dir, { recursive: true, force: true });
  return m;
}

async function measureEndpoint(k: number, seconds: number): Promise<Measured> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-ep-'));
  const service = new EndpointService({ dataDir: dir, recordingsDir: path.join(dir, 'rec'), logger: silentLogger });
  let started = 0;
  service.onCall({ started: () => started++ });
  const st = await service.start({ port: 0 });
  const received = (): number => service.framesReceived();
  const m = await measure({ url: st.localUrl!, ready: () => started, received }, k, seconds);
  await service.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  return m;
}

async function loopback(k: number, seconds: number, rounds: number, only: string | null): Promise<void> {
  console.log(`\nLoopback: ${k} concurrent PSR-like clients, 20 ms stereo frames in real time for ${seconds} s, ${rounds} round(s); load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const bare: Measured[] = [];
  const minimal: Measured[] = [];
  const full: Measured[] = [];
  const ms = (x: number): string => (x * 1000).toFixed(3);
  for (let r = 0; r < rounds; r++) {
    // `--only bare|endpoint` (for profiling one side) measures that side only, twice.
    const a = only === 'endpoint' ? await measureEndpoint(k, seconds) : await measureBare(k, seconds);
    const m = only ? a : await measureMinimal(k, seconds);
    const b = only === 'bare' ? await measureBare(k, seconds) : await measureEndpoint(k, seconds);
    bare.push(a);
    minimal.push(m);
    full.push(b);
    console.log(
      `  round ${r + 1}: bare ${ms(a.cpuPerCall)} / minimal ${ms(m.cpuPerCall)} / endpoint ${ms(b.cpuPerCall)} ms CPU per call-second; ` +
        `endpoint ÷ bare ${(b.cpuPerCall / a.cpuPerCall).toFixed(2)}×, ÷ minimal ${(b.cpuPerCall / m.cpuPerCall).toFixed(2)}×; ` +
        `kept up ${a.keptUp}/${m.keptUp}/${b.keptUp}, loop delay p99 ${a.lagP99.toFixed(1)}/${m.lagP99.toFixed(1)}/${b.lagP99.toFixed(1)} ms, ` +
        `frames ${b.received}/${b.report.sent}, load ${os.loadavg()[0]!.toFixed(2)}`,
    );
  }
  const range = (xs: number[], f: (x: number) => string): string => (xs.length === 1 ? f(xs[0]!) : `${f(Math.min(...xs))}–${f(Math.max(...xs))}`);
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const vsBare = full.map((b, i) => b.cpuPerCall / bare[i]!.cpuPerCall);
  const vsMinimal = full.map((b, i) => b.cpuPerCall / minimal[i]!.cpuPerCall);
  const best = (xs: Measured[]): number => Math.min(...xs.map((x) => x.cpuPerCall));
  console.log(`  bare ws (count only):      ${range(bare.map((x) => x.cpuPerCall), ms)} ms CPU per second of call; kept up: ${bare.every((x) => x.keptUp)}`);
  console.log(`  minimal correct receiver:  ${range(minimal.map((x) => x.cpuPerCall), ms)} ms CPU per second of call; kept up: ${minimal.every((x) => x.keptUp)}`);
  console.log(`  full endpoint:             ${range(full.map((x) => x.cpuPerCall), ms)} ms CPU per second of call; kept up: ${full.every((x) => x.keptUp)}`);
  console.log(`  ratio endpoint / bare:     ${range(vsBare, (x) => x.toFixed(2))}× (median ${median(vsBare).toFixed(2)}×; goal ≤ 2.0×)`);
  console.log(`  ratio endpoint / minimal:  ${range(vsMinimal, (x) => x.toFixed(2))}× (median ${median(vsMinimal).toFixed(2)}×)`);
  console.log(`  calls per core (best round): endpoint ~${Math.floor(1 / best(full))}, minimal ~${Math.floor(1 / best(minimal))}, bare ws ~${Math.floor(1 / best(bare))} real-time stereo calls`);
}

const args = process.argv.slice(2);
if (args[0] === '--client') {
  await clientMain(args[1]!, Number(args[2]), Number(args[3]));
  process.exit(0);
} else {
  const opt = (name: string, def: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}`);
  if (!args.includes('--loopback-only')) await hotPath();
  const ki = args.indexOf('--k');
  const ks = ki >= 0 ? args[ki + 1]!.split(',').map(Number) : [200, 1000];
  if (!args.includes('--no-loopback')) for (const k of ks) await loopback(k, opt('seconds', 5), opt('rounds', 3), args.includes('--only') ? args[args.indexOf('--only') + 1]! : null);
}
