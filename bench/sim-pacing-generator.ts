// The campaign generator's half of bench/sim-pacing.ts: N calls from worker threads to the same
// counting bot, measured over the same window after every call is up.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCampaign } from '../src/main/campaign/campaign-runner';
import { Histogram } from '../src/main/campaign/histogram';
import { NO_IMPAIRMENTS } from '../src/main/campaign/impairments';
import { loadCampaignScenario, type CampaignScenario } from '../src/main/campaign/campaign-scenario';
import type { PriorityMode } from '../src/shared/campaign/priority';
import type { FramePriority } from '../src/main/campaign/thread-priority';
import { toneWav } from '../test/unit/campaign/fixtures';

/** A caller who talks (a 440 Hz tone, 30 s, repeated) for the whole call, against a bot that never answers. */
async function talkingScenario(seconds: number): Promise<CampaignScenario> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-gen-bench-'));
  fs.writeFileSync(path.join(dir, 'tone.wav'), toneWav(30_000, 440));
  const steps = Array.from({ length: Math.ceil((seconds + 60) / 30) }, () => ({ say: 'tone.wav' }));
  fs.writeFileSync(path.join(dir, 'bench.json'), JSON.stringify({ name: 'bench', call: { channel: 'stereo', max_ms: (seconds + 120) * 1000 }, steps }));
  const sc = await loadCampaignScenario(path.join(dir, 'bench.json'));
  fs.rmSync(dir, { recursive: true, force: true });
  return sc;
}

function machineBusyMs(): number {
  let t = 0;
  for (const c of os.cpus()) t += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  return t;
}

/** One run's headline figures (the closing table of bench/sim-pacing.ts gives their range over rounds). */
export interface BenchFigures {
  /** The frame threads' priority (the single-loop simulator: normal). */
  priority: PriorityMode;
  p99: number;
  cpuMsPerCallSec: number;
  latePct: number;
  sentPct: number;
}

export async function generator(calls: number, seconds: number, workers: number, priority: PriorityMode): Promise<BenchFigures> {
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'sim-pacing.ts'), ['--child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(msg: string | null): Promise<T> =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m as T));
      if (msg) child.send(msg);
    });
  const { port } = await ask<{ port: number }>(null);
  const pacing = new Histogram();
  let measuring = false;
  let frames = 0;
  let active = 0;
  let threads = null as FramePriority | null;
  const controller = new AbortController();
  const run = runCampaign({
    name: 'bench',
    botUrl: `ws://127.0.0.1:${port}/bench`,
    scenarioFile: '(bench)',
    scenario: await talkingScenario(seconds),
    customers: null,
    calls,
    concurrency: calls,
    rampPerSec: 250,
    durationMs: null,
    impairments: NO_IMPAIRMENTS,
    thresholds: { maxP95TurnMs: null, minSuccessPct: 0 },
    recordSample: 0,
    recordDir: null,
    workers,
    tenant: 'bench',
    profile: null,
    priority,
    onPriority: (p) => (threads = p),
    signal: controller.signal,
    onStats: (m) => {
      if (!measuring) return;
      pacing.merge(m.pacing);
      frames += m.framesSent;
    },
    onProgress: (p) => (active = p.active),
  });
  // Wait until every call is up, then one second to settle.
  for (let i = 0; i < 600 && active < calls; i++) await new Promise((r) => setTimeout(r, 100));
  const connected = active;
  await new Promise((r) => setTimeout(r, 1500));
  const { cpu: bot0 } = await ask<{ cpu: NodeJS.CpuUsage }>('count');
  const machine0 = machineBusyMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const machine1 = machineBusyMs();
  const { cpu: bot1 } = await ask<{ cpu: NodeJS.CpuUsage }>('count');
  controller.abort();
  const result = await run;
  const { messages } = await ask<{ messages: number }>('count');
  child.send('exit');
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const botSec = (bot1.user + bot1.system - bot0.user - bot0.system) / 1e6;
  const otherSec = Math.max(0, (machine1 - machine0) / 1000 - cpuSec - botSec);
  const line = (k: string, v: string) => console.log(`${k.padEnd(34)} ${v}`);
  line('generator workers', String(workers));
  line('frame threads priority', threads ? `${threads.mode} (asked ${priority})${threads.notes.length ? ` — ${threads.notes.join('; ')}` : ''}` : '?');
  line('calls connected', `${connected}/${calls} (${result.summary.setupFailed} setup failures)`);
  line('frames sent / expected (window)', `${frames} / ${Math.round(calls * wall * 50)} (${((100 * frames) / (calls * wall * 50)).toFixed(2)} %)`);
  line('send deviation p50 / p99 / max', `${pacing.quantile(0.5).toFixed(2)} / ${pacing.quantile(0.99).toFixed(2)} / ${pacing.max.toFixed(2)} ms`);
  line('generator CPU (whole process)', `${((100 * cpuSec) / wall).toFixed(1)} % of one core; ${((1000 * cpuSec) / wall / calls).toFixed(3)} ms CPU per call per second (${((100 * cpuSec) / wall / calls).toFixed(3)} % core/call)`);
  line('frames later than 5 ms', `${((100 * pacing.countAbove(5)) / Math.max(1, pacing.count)).toFixed(2)} %`);
  line('machine load average (1 min)', os.loadavg()[0]!.toFixed(2));
  line('rest of the machine during the run', `${((100 * otherSec) / wall).toFixed(0)} % of one core (bot ${((100 * botSec) / wall).toFixed(0)} %)`);
  line('messages counted by the bot', String(messages));
  return { priority: threads?.mode ?? 'normal', p99: pacing.quantile(0.99), cpuMsPerCallSec: (1000 * cpuSec) / wall / calls, latePct: (100 * pacing.countAbove(5)) / Math.max(1, pacing.count), sentPct: (100 * frames) / (calls * wall * 50) };
}
