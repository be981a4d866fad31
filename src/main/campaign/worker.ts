// A generator worker thread: its own event loop and its own drift-corrected 20 ms frame clock, so
// the pacing of its calls depends on neither the main thread (progress, reports, UI) nor the other
// workers. Receives calls to start; reports stats every 500 ms and one row per finished call.
import { parentPort } from 'node:worker_threads';
import { FrameClock } from '../simulator/frame-clock';
import { GenCall } from './gen-call';
import { Histogram } from './histogram';
import { preciseClock } from './precise-clock';
import { lowerThreadPriority, OverloadGuard, raiseThreadPriority, threadCpuMs, type PriorityOutcome } from './thread-priority';
import { silenceClip } from './pre-encoded';
import type { PreEncodedClip } from './pre-encoded';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';

const STATS_EVERY_MS = 500;

function post(m: FromWorker): void {
  parentPort!.postMessage(m);
}

let init: WorkerInit | null = null;
let silence: PreEncodedClip | null = null;
let sayClips: ReadonlyMap<number, PreEncodedClip> = new Map();
const calls = new Set<GenCall>();
const byIndex = new Map<number, GenCall>();
let watched: number | null = null;
const pacing = new Histogram();
const turns = new Histogram();
const onClockError = (e: unknown): void => post({ type: 'fatal', message: e instanceof Error ? e.stack ?? e.message : String(e) });
/** This worker's frame clock, on its phase of the 2 ms grid (set at init, before any call starts). */
let clock!: FrameClock;
let framesBefore = 0;
let cpu = process.cpuUsage();
let statsTimer: NodeJS.Timeout | null = null;
let stopping = false;
let priority: PriorityOutcome = { mode: 'normal', reason: null, note: null };
const overload = new OverloadGuard();
let threadCpu = threadCpuMs();
let threadCpuAt = performance.now();

/** After a stop, once every call has posted its row: last stats, then the thread may end. */
function finishIfStopped(): void {
  if (!stopping || calls.size > 0) return;
  sendStats();
  if (statsTimer) clearInterval(statsTimer);
  clock.halt();
  parentPort!.close();
}

/** A raised frame thread that keeps a core busy goes back to normal priority (see thread-priority). */
function watchOverload(): void {
  const before = threadCpu;
  const since = threadCpuAt;
  threadCpu = threadCpuMs();
  threadCpuAt = performance.now();
  if (before === null || threadCpu === null || priority.mode === 'normal') return;
  if (!overload.observe((threadCpu - before) / Math.max(1, threadCpuAt - since))) return;
  const was = priority.mode;
  priority = { mode: 'normal', reason: 'overloaded', note: `lowered from ${was}: the frame thread kept more than ${Math.round(overload.limit * 100)} % of a core busy for ${(overload.windows * STATS_EVERY_MS) / 1000} s` };
  void lowerThreadPriority().finally(() => post({ type: 'priority', workerIndex: init?.workerIndex ?? -1, priority }));
}

function sendStats(): void {
  watchOverload();
  const c = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const frames = clock.stats.frames;
  post({
    type: 'stats',
    workerIndex: init?.workerIndex ?? -1,
    active: calls.size,
    pacing: pacing.drain(),
    turns: turns.drain(),
    framesSent: frames - framesBefore,
    cpuMs: (c.user + c.system) / 1000,
  });
  framesBefore = frames;
}

function start(spec: Extract<ToWorker, { type: 'start' }>['call']): void {
  const i = init!;
  const call = new GenCall(spec, {
    channel: i.channel,
    compiled: i.compiled,
    silence: silence!,
    sayClips,
    impairments: i.impairments,
    recordDir: i.recordDir,
    setupTimeoutMs: i.setupTimeoutMs,
    now: () => performance.now(),
    addTick: (fn) => clock.add(fn),
    onPacing: (ms) => pacing.add(ms),
    onTurn: (ms) => turns.add(ms),
    onSetup: (index) => post({ type: 'setup', index }),
    onLive: (index, note) => post({ type: 'live', index, note }),
    onEnd: (row) => {
      calls.delete(call);
      byIndex.delete(spec.index);
      post({ type: 'ended', row });
      finishIfStopped();
    },
  });
  calls.add(call);
  byIndex.set(spec.index, call);
  call.start();
  if (watched === spec.index) call.watch(true);
}

parentPort!.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'init': {
      init = m;
      clock = new FrameClock(preciseClock(), onClockError, m.phaseMs);
      silence = silenceClip(m.channel);
      // Clips arrive as Uint8Array views of shared memory: wrapped as Buffers (no copy) for Buffer#copy.
      sayClips = new Map(m.sayClips.map(([step, c]) => [step, { ...c, data: Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength) }]));
      statsTimer = setInterval(sendStats, STATS_EVERY_MS);
      void raiseThreadPriority(m.priority).then((got) => {
        priority = got;
        threadCpu = threadCpuMs();
        threadCpuAt = performance.now();
        post({ type: 'ready', workerIndex: m.workerIndex, priority });
      });
      return;
    }
    case 'start':
      start(m.call);
      return;
    case 'watch':
      if (watched !== null) byIndex.get(watched)?.watch(false);
      watched = m.index;
      if (watched !== null) byIndex.get(watched)?.watch(true);
      return;
    case 'stop':
      stopping = true;
      for (const c of [...calls]) c.stop();
      finishIfStopped();
      return;
  }
});
