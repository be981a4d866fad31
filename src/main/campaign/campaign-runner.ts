// Runs a campaign: starts the generator workers, launches calls at the ramp rate up to the
// concurrency limit (spread over the least busy worker), gathers their stats into a timeline,
// checks the thresholds and returns the result. The main thread never sends a frame itself.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { SLOT_MS } from '../simulator/frame-clock';
import type { CampaignResult, CampaignSummary, ProgressPoint, Thresholds, ThresholdVerdict } from './campaign-types';
import { callUrl } from './customers';
import { Histogram } from './histogram';
import type { Impairments } from './impairments';
import type { CampaignScenario } from './campaign-scenario';
import { preEncodeLegB, type PreEncodedClip } from './pre-encoded';
import type { PriorityMode } from '../../shared/campaign/priority';
import { framePriority, type FramePriority, type PriorityOutcome } from './thread-priority';
import { startWorkers, type GeneratorWorker } from './worker-pool';
import type { CallRow, FromWorker, LiveNote, WorkerStats } from './worker-protocol';

export const MAX_CALLS = 100_000;
/** Timeline points kept; older halves are thinned (every other point dropped) beyond this. */
export const MAX_TIMELINE = 3600;
const WINDOW_S = 5;

export interface CampaignOptions {
  name: string;
  botUrl: string;
  scenarioFile: string;
  scenario: CampaignScenario;
  customers: Record<string, string>[] | null;
  calls: number;
  concurrency: number;
  rampPerSec: number;
  /** Stop launching new calls after this long (ms); null: launch until `calls`. */
  durationMs: number | null;
  impairments: Impairments;
  thresholds: Thresholds;
  recordSample: number;
  recordDir: string | null;
  workers: number;
  tenant: string;
  profile: string | null;
  setupTimeoutMs?: number;
  /** Scheduling priority to ask for the frame threads (default realtime, stepping down to what is allowed). */
  priority?: PriorityMode;
  /** The frame threads' priority, once every worker is up and whenever it changes. */
  onPriority?(p: FramePriority): void;
  /** Pacing measured before this many ms after the start is left out of the summary (bench warm-up). */
  warmupMs?: number;
  signal?: AbortSignal;
  onProgress?(p: ProgressPoint): void;
  onRow?(row: CallRow): void;
  /** Every worker's 500 ms report (benchmarks). */
  onStats?(m: WorkerStats): void;
  /** A call was handed to a worker. */
  onLaunch?(index: number, callId: string): void;
  /** The watched call's live notes (see CampaignControl.watch). */
  onLive?(index: number, note: LiveNote): void;
  /** Once the workers are up: the controls of the running campaign. */
  onControl?(c: CampaignControl): void;
}

export interface CampaignControl {
  /** Forward one running call (by index) to onLive, instead of any other; null: none. False when that call is not running. */
  watch(index: number | null): boolean;
}

export function defaultWorkers(concurrency: number): number {
  return Math.max(1, Math.min(os.cpus().length, Math.ceil(concurrency / 150)));
}

function q(h: Histogram, p: number): number | null {
  return h.count === 0 ? null : Math.round(h.quantile(p) * 100) / 100;
}

export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const started = Date.now();
  const t0 = performance.now();
  const calls = Math.min(o.calls, MAX_CALLS);
  const rows: CampaignResult['rows'] = [];
  const customerOf: (Record<string, string> | null)[] = [];
  const pacingAll = new Histogram();
  const turnsAll = new Histogram();
  const firstAudio = new Histogram();
  const pacingWin: Histogram[] = [];
  const turnWin: Histogram[] = [];
  let pacingNow = new Histogram();
  let turnNow = new Histogram();
  const timeline: ProgressPoint[] = [];
  const errors: Record<string, number> = {};
  let launched = 0;
  let done = 0;
  let passed = 0;
  let setupOk = 0;
  let setupFailed = 0;
  let doneAtLastTick = 0;
  let framesSent = 0;
  let framesDropped = 0;
  let framesDelayed = 0;
  const cpu0 = process.cpuUsage();
  let fatal: Error | null = null;
  let stopLaunching = false;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const setupConnectFailures = { n: 0 };
  let ready = 0;
  /** Each worker's thread priority, by worker index. */
  const priorities: PriorityOutcome[] = [];
  let allReady!: () => void;
  const workersReady = new Promise<void>((r) => (allReady = r));

  const onMessage = (m: FromWorker): void => {
    switch (m.type) {
      case 'stats':
        o.onStats?.(m);
        if (performance.now() - t0 >= (o.warmupMs ?? 0)) {
          pacingAll.merge(m.pacing);
        }
        pacingNow.merge(m.pacing);
        turnsAll.merge(m.turns);
        turnNow.merge(m.turns);
        return;
      case 'ended': {
        const row = m.row;
        done++;
        const w = assignment.get(row.index);
        if (w) w.active--;
        assignment.delete(row.index);
        if (row.setup !== 'ok') setupFailed++;
        if (row.passed) passed++;
        if (row.errorCode) errors[row.errorCode] = (errors[row.errorCode] ?? 0) + 1;
        if (row.errorCode === 'CAMPAIGN_SETUP_FAILED') setupConnectFailures.n++;
        if (row.firstBotAudioMs !== null) firstAudio.add(row.firstBotAudioMs);
        framesSent += row.framesSent;
        framesDropped += row.framesDropped;
        framesDelayed += row.framesDelayed;
        if (rows.length < MAX_CALLS) rows.push({ ...row, customer: customerOf[row.index] ?? null });
        o.onRow?.(row);
        if (done === launched && (stopLaunching || launched >= calls)) finish();
        return;
      }
      case 'setup':
        setupOk++;
        return;
      case 'live':
        o.onLive?.(m.index, m.note);
        return;
      case 'fatal':
        fatal = new Error(m.message);
        return;
      case 'ready':
        priorities[m.workerIndex] = m.priority;
        if (++ready === workers.length) {
          o.onPriority?.(framePriority(priorities));
          allReady();
        }
        return;
      case 'priority':
        priorities[m.workerIndex] = m.priority;
        o.onPriority?.(framePriority(priorities));
        return;
    }
  };
  const assignment = new Map<number, GeneratorWorker>();
  const workers = startWorkers(o.workers, onMessage, (e) => {
    fatal = e;
    stopLaunching = true;
    finish();
  });
  // The caller's utterances are known ahead: encoded once here, shared by every worker and call.
  const sayClips = [...o.scenario.compiled.audio].map(([step, audio]): [number, PreEncodedClip] => [step, preEncodeLegB(audio.pcm, o.scenario.channel)]);
  const sampleEvery = o.recordSample > 0 ? Math.max(1, Math.floor(calls / o.recordSample)) : 0;
  for (const w of workers) {
    w.send({
      type: 'init',
      workerIndex: w.index,
      phaseMs: (w.index * SLOT_MS) / workers.length,
      priority: o.priority ?? 'realtime',
      channel: o.scenario.channel,
      compiled: o.scenario.compiled,
      sayClips,
      impairments: o.impairments,
      recordDir: o.recordSample > 0 ? o.recordDir : null,
      setupTimeoutMs: o.setupTimeoutMs ?? 10_000,
    });
  }

  const launch = (): void => {
    const index = launched++;
    const customer = o.customers ? o.customers[index % o.customers.length]! : null;
    customerOf[index] = customer;
    const callId = randomUUID();
    let w = workers[0]!;
    for (const x of workers) if (x.active < w.active) w = x;
    w.active++;
    assignment.set(index, w);
    const record = sampleEvery > 0 && index % sampleEvery === 0 && index / sampleEvery < o.recordSample;
    w.send({ type: 'start', call: { index, callId, url: callUrl(o.botUrl, callId, o.tenant, o.scenario.parameter, customer), record } });
    o.onLaunch?.(index, callId);
  };
  let watched: GeneratorWorker | null = null;
  o.onControl?.({
    watch: (index) => {
      watched?.send({ type: 'watch', index: null });
      watched = null;
      if (index === null) return true;
      const w = assignment.get(index);
      if (!w) return false;
      w.send({ type: 'watch', index });
      watched = w;
      return true;
    },
  });

  const progress = (): void => {
    pacingWin.push(pacingNow);
    turnWin.push(turnNow);
    if (pacingWin.length > WINDOW_S) pacingWin.shift();
    if (turnWin.length > WINDOW_S) turnWin.shift();
    pacingNow = new Histogram();
    turnNow = new Histogram();
    const pw = new Histogram();
    const tw = new Histogram();
    for (const h of pacingWin) pw.mergeFrom(h);
    for (const h of turnWin) tw.mergeFrom(h);
    const p: ProgressPoint = {
      t: Math.round((performance.now() - t0) / 100) / 10,
      active: launched - done,
      launched,
      done,
      passed,
      failed: done - passed,
      setupOk,
      setupFailed,
      callsPerSec: done - doneAtLastTick,
      turnP50: q(tw, 0.5),
      turnP95: q(tw, 0.95),
      pacingP99: q(pw, 0.99),
      errors: { ...errors },
    };
    doneAtLastTick = done;
    timeline.push(p);
    if (timeline.length > MAX_TIMELINE) for (let i = timeline.length - 2; i > 0; i -= 2) if (i < MAX_TIMELINE / 2) timeline.splice(i, 1);
    o.onProgress?.(p);
  };
  const progressTimer = setInterval(progress, 1000);

  // Calls start once every worker has loaded (its first load compiles code and would delay frames).
  await Promise.race([workersReady, finished]);

  // Launch loop: every 20 ms, start what the ramp allows, within the concurrency limit.
  let credit = 1;
  const launchTimer = setInterval(() => {
    const elapsed = performance.now() - t0;
    if (o.durationMs !== null && elapsed >= o.durationMs) stopLaunching = true;
    if (stopLaunching || launched >= calls) {
      clearInterval(launchTimer);
      if (done === launched) finish();
      return;
    }
    credit = Math.min(credit + (o.rampPerSec * 20) / 1000, Math.max(1, o.rampPerSec));
    while (credit >= 1 && launched < calls && launched - done < o.concurrency) {
      launch();
      credit--;
    }
  }, 20);


  const onAbort = (): void => {
    stopLaunching = true;
    for (const w of workers) w.send({ type: 'stop' });
    if (done === launched) finish();
  };
  if (o.signal?.aborted) onAbort();
  o.signal?.addEventListener('abort', onAbort, { once: true });

  await finished;
  clearInterval(launchTimer);
  clearInterval(progressTimer);
  o.signal?.removeEventListener('abort', onAbort);
  for (const w of workers) w.send({ type: 'stop' });
  await Promise.all(workers.map((w) => w.exited));
  progress(); // the final figures (every call counted)
  if (fatal && done === 0) throw fatal;

  const wallS = (performance.now() - t0) / 1000;
  // The whole process (main thread and every worker share one process CPU account).
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  rows.sort((a, b) => a.index - b.index);
  const summary: CampaignSummary = {
    calls: done,
    setupOk,
    setupFailed,
    passed,
    failed: done - passed,
    setupSuccessPct: done ? (100 * setupOk) / done : 0,
    callSuccessPct: done ? (100 * passed) / done : 0,
    turns: turnsAll.count,
    turnP50: q(turnsAll, 0.5),
    turnP95: q(turnsAll, 0.95),
    turnP99: q(turnsAll, 0.99),
    turnMax: turnsAll.count ? turnsAll.max : null,
    firstAudioP50: q(firstAudio, 0.5),
    pacingP50: q(pacingAll, 0.5),
    pacingP99: q(pacingAll, 0.99),
    pacingMax: pacingAll.count ? Math.round(pacingAll.max * 100) / 100 : null,
    framesLatePct: pacingAll.count ? (100 * pacingAll.countAbove(5)) / pacingAll.count : 0,
    framesSent,
    framesDropped,
    framesDelayed,
    generatorCpuPctOfCore: (100 * cpuMs) / 1000 / wallS,
    framePriority: framePriority(priorities),
    loadAvg: os.loadavg(),
    errors,
  };
  const thresholds: ThresholdVerdict[] = [{ name: 'call_success_pct', limit: o.thresholds.minSuccessPct, measured: round2(summary.callSuccessPct), ok: summary.callSuccessPct >= o.thresholds.minSuccessPct }];
  if (o.thresholds.maxP95TurnMs !== null) {
    thresholds.push({ name: 'p95_turn_ms', limit: o.thresholds.maxP95TurnMs, measured: summary.turnP95, ok: summary.turnP95 !== null && summary.turnP95 <= o.thresholds.maxP95TurnMs });
  }
  const unreachable = done > 0 && setupOk === 0 && setupConnectFailures.n === done;
  return {
    schema: 'psr-console.campaign-report/1',
    name: o.name,
    botUrl: redactUrl(o.botUrl),
    scenario: o.scenarioFile,
    profile: o.profile,
    startedAt: new Date(started).toISOString(),
    durationS: Math.round(wallS * 10) / 10,
    options: { calls, concurrency: o.concurrency, rampPerSec: o.rampPerSec, durationS: o.durationMs === null ? null : o.durationMs / 1000, workers: o.workers, channel: o.scenario.channel, impairments: o.impairments, recordSample: o.recordSample },
    thresholds,
    verdict: unreachable || done === 0 ? 'error' : thresholds.every((t) => t.ok) ? 'pass' : 'fail',
    summary,
    timeline,
    rows,
    rowsTruncated: Math.max(0, done - rows.length),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The bot URL as shown in reports: no user:password, no query values that look like secrets. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) if (/token|secret|key|pass|auth/i.test(k)) u.searchParams.set(k, '«redacted»');
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
