// Paired ingest benchmark (prints figures, asserts nothing).
//   npm run bench:ingest-paired [-- --k 200,1000 --seconds 10 --rounds 3]
//
// The bare `ws` server (counts messages) and the full endpoint each run in their own process, at the
// same time, under the same load: one load-generator process opens K PSR-like calls to each and
// sends every 20 ms stereo frame to both in the same tick (alternating which server gets it first).
// Each server reports its own process CPU over the same window, from the moment both have every
// call set up until both have taken in every frame sent. Because both are measured in the same
// seconds, a change in the machine's speed (a shared VM's neighbours, frequency, the page cache)
// hits both alike, which the sequential benchmark (bench:ingest, one server after the other) cannot
// promise: there the same server measured a minute apart can differ by 30 %.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { EndpointService } from '../src/main/endpoint/endpoint-service';
import { silentLogger } from '../src/main/logger';
import { makeFrames } from './psr-frames';

type Kind = 'bare' | 'endpoint';
type ServerMsg = { url: string } | { ready: number; received: number } | { cpuMs: number; received: number };

const self = fileURLToPath(import.meta.url);

/** Child: one server; answers 'count' with calls ready and frames received, 'mark' with CPU since the last mark. */
async function serverMain(kind: Kind): Promise<void> {
  let url: string;
  let ready: () => number;
  let received: () => number;
  let stop: () => Promise<void>;
  if (kind === 'bare') {
    let media = 0;
    let calls = 0;
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 8 * 1024 * 1024, perMessageDeflate: false });
    wss.on('connection', (ws) => {
      let first = true;
      ws.on('message', () => {
        if (first) {
          first = false;
          calls++;
        } else media++;
      });
    });
    await new Promise((r) => wss.once('listening', r));
    url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
    ready = () => calls;
    received = () => media;
    stop = () => new Promise((r) => wss.close(() => r()));
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-paired-'));
    const service = new EndpointService({ dataDir: dir, recordingsDir: path.join(dir, 'rec'), logger: silentLogger });
    let started = 0;
    service.onCall({ started: () => started++ });
    const st = await service.start({ port: 0 });
    url = st.localUrl!;
    ready = () => started;
    received = () => service.framesReceived();
    stop = async () => {
      await service.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  let mark = process.cpuUsage();
  process.on('message', (m: string) => {
    if (m === 'count') process.send!({ ready: ready(), received: received() } satisfies ServerMsg);
    else if (m === 'mark') {
      const d = process.cpuUsage(mark);
      mark = process.cpuUsage();
      process.send!({ cpuMs: (d.user + d.system) / 1000, received: received() } satisfies ServerMsg);
    } else if (m === 'exit') void stop().then(() => process.exit(0));
  });
  process.send!({ url } satisfies ServerMsg);
}

/** Child: K calls to each server; on 'go', S seconds of frames to both, one shared timer. */
async function clientMain(urls: string[], k: number, seconds: number): Promise<void> {
  const frames = makeFrames(50);
  const open = (url: string, i: number): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url}?call_id=bench-${i}&tenant=bench`, { perMessageDeflate: false });
      ws.once('open', () => {
        ws.send(JSON.stringify({ event: 'connected', data: { call_id: `bench-${i}`, channel: 'stereo' } }));
        resolve(ws);
      });
      ws.once('error', reject);
    });
  const groups = await Promise.all(urls.map((u) => Promise.all(Array.from({ length: k }, (_, i) => open(u, i)))));
  const next = (): Promise<string> => new Promise((resolve) => process.once('message', (m: string) => resolve(m)));
  process.send!({ ready: true });
  await next();
  const t0 = Date.now();
  let tick = 0;
  await new Promise<void>((resolve) => {
    const step = (): void => {
      const due = Math.floor((Date.now() - t0) / 20);
      while (tick <= due && tick < seconds * 50) {
        const text = frames[tick % 50]!;
        // Alternate which server gets the tick's frames first.
        const order = tick % 2 === 0 ? groups : [...groups].reverse();
        for (const g of order) for (const ws of g) ws.send(text, { binary: false, compress: false });
        tick++;
      }
      if (tick >= seconds * 50) return resolve();
      setTimeout(step, Math.max(0, t0 + tick * 20 - Date.now()));
    };
    step();
  });
  process.send!({ sent: tick * k });
  await next();
  for (const g of groups) for (const ws of g) ws.terminate();
}

function ask<T>(child: ChildProcess, msg: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m: T) => resolve(m));
    child.send(msg);
  });
}

async function until(cond: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

interface Round {
  bare: number;
  endpoint: number;
  keptUp: boolean;
  received: [number, number];
  sent: number;
}

async function round(k: number, seconds: number): Promise<Round> {
  const start = (kind: Kind): Promise<{ child: ChildProcess; url: string }> =>
    new Promise((resolve) => {
      const child = fork(self, ['--server', kind], { execArgv: ['--import', 'tsx'] });
      child.once('message', (m: { url: string }) => resolve({ child, url: m.url }));
    });
  const servers = [await start('bare'), await start('endpoint')];
  const client = fork(self, ['--client', servers[0]!.url, servers[1]!.url, String(k), String(seconds)], { execArgv: ['--import', 'tsx'] });
  await new Promise((r) => client.once('message', r));
  const count = (i: number) => ask<{ ready: number; received: number }>(servers[i]!.child, 'count');
  if (!(await until(async () => (await count(0)).ready >= k && (await count(1)).ready >= k, 30_000))) throw new Error('calls not set up');
  await Promise.all(servers.map((s) => ask(s.child, 'mark')));
  const sentP = new Promise<number>((r) => client.once('message', (m: { sent: number }) => r(m.sent)));
  client.send('go');
  const sent = await sentP;
  // Frames still in flight are part of the run: up to 3 s of grace, then whatever arrived.
  const keptUp = await until(async () => (await count(0)).received >= sent && (await count(1)).received >= sent, 3000);
  const [b, e] = await Promise.all(servers.map((s) => ask<{ cpuMs: number; received: number }>(s.child, 'mark')));
  client.send('close');
  await new Promise((r) => client.once('exit', r));
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.once('exit', r), s.child.send('exit')))));
  // CPU per second of call audio actually taken in (50 frames = 1 s).
  return { bare: b!.cpuMs / (b!.received / 50), endpoint: e!.cpuMs / (e!.received / 50), keptUp, received: [b!.received, e!.received], sent };
}

const args = process.argv.slice(2);
if (args[0] === '--server') await serverMain(args[1] as Kind);
else if (args[0] === '--client') {
  await clientMain([args[1]!, args[2]!], Number(args[3]), Number(args[4]));
  process.exit(0);
} else {
  const opt = (name: string, def: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1]! : def;
  };
  const ks = opt('k', '200,1000').split(',').map(Number);
  const seconds = Number(opt('seconds', '10'));
  const rounds = Math.max(1, Math.min(20, Number(opt('rounds', '3'))));
  console.log(`Paired ingest: bare ws and the endpoint in their own processes, the same load at the same time; Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}`);
  for (const k of ks) {
    console.log(`\n${k} calls to each server, 20 ms stereo frames in real time for ${seconds} s, ${rounds} round(s); load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const ratios: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const x = await round(k, seconds);
      ratios.push(x.endpoint / x.bare);
      console.log(
        `  round ${r}: bare ${x.bare.toFixed(3)} / endpoint ${x.endpoint.toFixed(3)} ms CPU per call-second; endpoint ÷ bare ${(x.endpoint / x.bare).toFixed(2)}×; ` +
          `frames taken in ${x.received[0]}/${x.received[1]} of ${x.sent} each (kept up: ${x.keptUp}); load ${os.loadavg()[0]!.toFixed(2)}`,
      );
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    console.log(`  ratio endpoint / bare: ${sorted[0]!.toFixed(2)}–${sorted[sorted.length - 1]!.toFixed(2)}× (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}×; goal ≤ 2.0×)`);
  }
}
