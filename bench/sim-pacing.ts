// Call-generator pacing benchmark (prints figures, asserts nothing).
//   npm run bench:sim -- [--calls 500] [--seconds 10] [--rounds 3] [--workers N] [--only generator|simulator]
//                        [--priority realtime|high|normal|both]
//
// N concurrent stereo calls stream to a bare `ws` server in a child process that only counts
// messages, in the same run: first the console's single-loop simulator (leg A plays a WAV, encoded
// per frame), then the campaign generator (worker threads, each with its own frame clock; leg B
// plays a known sound, pre-encoded once) with its frame threads at normal priority, then at the
// real-time priority it asks for by default (--priority picks one). Measured for each: deviation of each frame's send
// time from its 20 ms schedule (p50 / p99 / max), frames later than 5 ms, frames sent versus
// expected, CPU per call, and the machine's load average. Target: 500 calls, p99 ≤ 5 ms on 2 cores.
// With --rounds N (default 3) each runs N times, alternating, and a closing table gives each figure's range over
// the rounds with /proc/loadavg before and after.
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { WebSocketServer } from 'ws';
import { silentLogger } from '../src/main/logger';
import { DEFAULT_CALL_DEFAULTS, Simulator } from '../src/main/simulator/simulator';
import { defaultWorkers } from '../src/main/campaign/campaign-runner';
import { PRIORITY_MODES, type PriorityMode } from '../src/shared/campaign/priority';
import { generator, type BenchFigures } from './sim-pacing-generator';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    workers: { type: 'string' },
    only: { type: 'string' },
    priority: { type: 'string', default: 'both' },
    child: { type: 'boolean', default: false },
    measure: { type: 'string' },
  },
});

if (values.child) {
  // The counting bot: accepts every connection, counts messages, reports on request.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  let messages = 0;
  wss.on('connection', (ws) => ws.on('message', () => messages++));
  wss.on('listening', () => process.send!({ port: (wss.address() as { port: number }).port }));
  process.on('message', (m) => {
    if (m === 'count') process.send!({ messages, cpu: process.cpuUsage() });
    if (m === 'exit') process.exit(0);
  });
} else if (values.measure) {
  // One side of one round, in a process of its own (see below); the figures go back to the parent.
  const workers = values.workers ? Number(values.workers) : defaultWorkers(Number(values.calls));
  const f = values.measure === 'generator' ? await generator(Number(values.calls), Number(values.seconds), workers, values.priority as PriorityMode) : await main(Number(values.calls), Number(values.seconds));
  process.send!(f, () => process.exit(0));
} else {
  const calls = Number(values.calls);
  /**
   * One side of a round in a fresh process: the single-loop simulator leaves its heap (recordings,
   * sockets, old-generation garbage) to the process it ran in, and that process's collector threads
   * would then compete with the generator's workers for the same two cores.
   */
  const measureIn = (side: 'simulator' | 'generator', priority: PriorityMode = 'normal'): Promise<BenchFigures> =>
    new Promise((resolve, reject) => {
      const argv = ['--measure', side, '--calls', String(values.calls), '--seconds', String(values.seconds), '--priority', priority, ...(values.workers ? ['--workers', values.workers] : [])];
      const c = fork(fileURLToPath(import.meta.url), argv, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let got: BenchFigures | null = null;
      c.once('message', (m: BenchFigures) => (got = m));
      c.once('exit', (code) => (got ? resolve(got) : reject(new Error(`${side} round exited with ${code}`))));
    });
  /** CPU busy fraction of the whole machine over `ms` (from /proc/stat; null where there is none). */
  const busyOver = async (ms: number): Promise<number | null> => {
    const read = (): number[] | null => {
      try {
        return fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      } catch {
        return null;
      }
    };
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    if (!a || !b) return null;
    const d = b.map((x, i) => x - a[i]!);
    const total = d.reduce((x, y) => x + y, 0);
    const idle = (d[3] ?? 0) + (d[4] ?? 0);
    return total > 0 ? 1 - idle / total : null;
  };
  /**
   * Each round starts on a quiet machine: the single-loop round (overloaded at these sizes) leaves
   * its recordings to be written back and its sockets to be torn down, and that work would land in
   * the next round's figures. Flush the page cache to disk, then wait (at most 20 s) until the
   * machine is below 10 % busy.
   */
  const settleMachine = async (): Promise<void> => {
    spawnSync('sync');
    for (let i = 0; i < 40; i++) {
      const busy = await busyOver(500);
      if (busy === null || busy < 0.1) return;
    }
  };
  const seconds = Number(values.seconds);
  console.log(`sim-pacing: ${calls} stereo calls × ${seconds} s (${os.cpus().length} CPUs, Node ${process.version}); load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const rounds = Math.max(1, Math.min(20, Number(values.rounds) || 1));
  const workers = values.workers ? Number(values.workers) : defaultWorkers(calls);
  const sims: BenchFigures[] = [];
  // The generator at each priority asked for: `both` = normal (what any user gets) and realtime (the
  // default, where the system allows it).
  const asked: PriorityMode[] = values.priority === 'both' ? ['normal', 'realtime'] : [values.priority as PriorityMode];
  if (!asked.every((p) => (PRIORITY_MODES as readonly string[]).includes(p))) throw new Error(`--priority: expected ${PRIORITY_MODES.join(' | ')} | both, got '${values.priority}'`);
  const gens = new Map<PriorityMode, BenchFigures[]>(asked.map((p) => [p, []]));
  const load0 = loadavg();
  for (let r = 1; r <= rounds; r++) {
    if (values.only !== 'generator') {
      await settleMachine();
      console.log(`\n== single-loop simulator (the console's Simulator)${rounds > 1 ? `, round ${r}/${rounds}` : ''} ==`);
      sims.push(await measureIn('simulator'));
    }
    for (const p of values.only === 'simulator' ? [] : asked) {
      await settleMachine();
      console.log(`\n== campaign generator (worker threads), ${p} priority asked${rounds > 1 ? `, round ${r}/${rounds}` : ''} ==`);
      gens.get(p)!.push(await measureIn('generator', p));
    }
  }
  console.log(`\n== ${calls} stereo calls × ${seconds} s, ${rounds} round(s): range over rounds (min – max) ==`);
  const row = (name: string, f: BenchFigures[]) => {
    if (f.length === 0) return;
    const r = (k: Exclude<keyof BenchFigures, 'priority'>, d: number) => `${Math.min(...f.map((x) => x[k])).toFixed(d)} – ${Math.max(...f.map((x) => x[k])).toFixed(d)}`;
    console.log(`${name.padEnd(24)} deviation p99 ${r('p99', 2)} ms (each: ${f.map((x) => x.p99.toFixed(2)).join(' / ')}); CPU per call ${r('cpuMsPerCallSec', 3)} ms/s; frames late > 5 ms ${r('latePct', 2)} %; frames sent ${r('sentPct', 2)} %`);
  };
  row('single-loop simulator', sims);
  for (const [p, f] of gens) row(`generator ×${workers}, ${p}${f[0]?.priority && f[0].priority !== p ? ` (got ${[...new Set(f.map((x) => x.priority))].join('/')})` : ''}`, f);
  console.log(`/proc/loadavg before: ${load0}; after: ${loadavg()}`);
}

function loadavg(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return os.loadavg().map((x) => x.toFixed(2)).join(' ');
  }
}

/** Busy CPU time of the whole machine so far (all cores, ms). */
function machineBusyMs(): number {
  let t = 0;
  for (const c of os.cpus()) t += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  return t;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(calls: number, seconds: number): Promise<BenchFigures> {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(msg: string | null): Promise<T> =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m as T));
      if (msg) child.send(msg);
    });
  const { port } = await ask<{ port: number }>(null);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-sim-bench-'));
  const maxSamples = calls * 50 * (seconds + 5);
  const dev = new Float64Array(maxSamples);
  let n = 0;
  let measuring = false;
  const sim = new Simulator({
    port: 0,
    token: () => 'bench',
    recordDir: dir,
    logger: silentLogger,
    defaults: () => ({ ...DEFAULT_CALL_DEFAULTS, ringMs: 0, maxCallSeconds: 0 }),
    scriptLines: () => [],
    onFrameSent: (due, sentAt) => {
      if (measuring && n < maxSamples) dev[n++] = sentAt - due;
    },
  });
  await sim.start();
  const tone = new Int16Array(8000 * 30);
  for (let i = 0; i < tone.length; i++) tone[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  const list = [];
  for (let i = 0; i < calls; i++) {
    list.push(
      sim.createCall({ url: `ws://127.0.0.1:${port}/bench`, destination: '0900', app: 'bot', channel: 'stereo', extension: null, isSilence: false, audio: tone, audioFileName: 'tone', parameter: null }),
    );
  }
  for (let i = 0; i < 500 && list.some((c) => c.state !== 'in-progress'); i++) await new Promise((r) => setTimeout(r, 20));
  const connected = list.filter((c) => c.state === 'in-progress').length;
  await new Promise((r) => setTimeout(r, 1000)); // settle
  const framesBefore = list.reduce((s, c) => s + c.framesSent, 0);
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (measuring) gcPauses.push(e.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  // Contention: CPU the rest of the machine used in the same window (other engineers' tests, a
  // browser…), and how often the kernel took the core away from us. Late frames then are not ours.
  const { cpu: botCpu0 } = await ask<{ cpu: NodeJS.CpuUsage }>('count');
  const machine0 = machineBusyMs();
  const ru0 = process.resourceUsage();
  loop.enable();
  sim.frameClock.stats.maxWorkMs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  loop.disable();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const ru1 = process.resourceUsage();
  const machine1 = machineBusyMs();
  const maxWorkMs = sim.frameClock.stats.maxWorkMs;
  const { cpu: botCpu1 } = await ask<{ cpu: NodeJS.CpuUsage }>('count');
  const framesSent = list.reduce((s, c) => s + c.framesSent, 0) - framesBefore;
  const sorted = dev.slice(0, n).sort();
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const botSec = (botCpu1.user + botCpu1.system - botCpu0.user - botCpu0.system) / 1e6;
  const otherSec = Math.max(0, (machine1 - machine0) / 1000 - cpuSec - botSec);
  let over5 = 0;
  for (let i = 0; i < n; i++) if (dev[i]! > 5) over5++;
  await sim.stop();
  const { messages, cpu: botCpu } = await ask<{ messages: number; cpu: NodeJS.CpuUsage }>('count');
  child.send('exit');
  fs.rmSync(dir, { recursive: true, force: true });
  const line = (k: string, v: string) => console.log(`${k.padEnd(34)} ${v}`);
  line('calls connected', `${connected}/${calls}`);
  line('frames sent / expected', `${framesSent} / ${Math.round(calls * wall * 50)} (${((100 * framesSent) / (calls * wall * 50)).toFixed(2)} %)`);
  line('send deviation p50 / p99 / max', `${quantile(sorted, 0.5).toFixed(2)} / ${quantile(sorted, 0.99).toFixed(2)} / ${quantile(sorted, 1).toFixed(2)} ms`);
  line('simulator CPU', `${((100 * cpuSec) / wall).toFixed(1)} % of one core; ${((1000 * cpuSec) / wall / calls).toFixed(3)} ms CPU per call per second (${((100 * cpuSec) / wall / calls).toFixed(3)} % core/call)`);
  line('frames later than 5 ms', `${((100 * over5) / Math.max(1, n)).toFixed(2)} %`);
  line('longest single timer tick (work)', `${maxWorkMs.toFixed(2)} ms`);
  line('event-loop delay p50 / p99 / max', `${(loop.percentile(50) / 1e6).toFixed(2)} / ${(loop.percentile(99) / 1e6).toFixed(2)} / ${(loop.max / 1e6).toFixed(2)} ms`);
  gcObserver.disconnect();
  line('GC pauses (count / total / max)', `${gcPauses.length} / ${gcPauses.reduce((a, b) => a + b, 0).toFixed(1)} / ${gcPauses.reduce((m, x) => Math.max(m, x), 0).toFixed(1)} ms`);
  line('machine load average (1 min)', os.loadavg()[0]!.toFixed(2));
  line('rest of the machine during the run', `${((100 * otherSec) / wall).toFixed(0)} % of one core (bot ${((100 * botSec) / wall).toFixed(0)} %); ${ru1.involuntaryContextSwitches - ru0.involuntaryContextSwitches} involuntary context switches`);
  line('messages counted by the bot', `${messages} (bot process CPU over its life: ${((botCpu.user + botCpu.system) / 1e6).toFixed(1)} s)`);
  line('frame clock', `${sim.frameClock.stats.wakes} wake-ups, ${sim.frameClock.stats.frames} frames, ${sim.frameClock.stats.rebases} re-bases`);
  return { priority: 'normal', p99: quantile(sorted, 0.99), cpuMsPerCallSec: (1000 * cpuSec) / wall / calls, latePct: (100 * over5) / Math.max(1, n), sentPct: (100 * framesSent) / (calls * wall * 50) };
}
