// A generator worker thread: its own event loop and its own drift-corrected 20 ms frame clock, so
// the pacing of its calls depends on neither the main thread (progress, reports, UI) nor the other
// workers. Receives calls to start; reports stats every 500 ms and one row per finished call.
import { parentPort } from 'node:worker_threads';
import { FrameClock } from '../simulator/frame-clock';
import { GenCall } from './gen-call';
import { Histogram } from './histogram';
import { silenceClip } from './pre-encoded';
import type { FromWorker, SharedClip, ToWorker, WorkerInit } from './worker-protocol';

const STATS_EVERY_MS = 500;

function post(m: FromWorker): void {
  parentPort!.postMessage(m);
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

let init: WorkerInit | null = null;
let clips: SharedClip[] = [];
let silence: SharedClip | null = null;
const calls = new Set<GenCall>();
const pacing = new Histogram();
const turns = new Histogram();
const clock = new FrameClock(undefined, (e) => post({ type: 'fatal', message: e instanceof Error ? e.stack ?? e.message : String(e) }));
let framesBefore = 0;
let cpu = process.cpuUsage();
let statsTimer: NodeJS.Timeout | null = null;
let stopping = false;

/** After a stop, once every call has posted its row: last stats, then the thread may end. */
function finishIfStopped(): void {
  if (!stopping || calls.size > 0) return;
  sendStats();
  if (statsTimer) clearInterval(statsTimer);
  clock.halt();
  parentPort!.close();
}

function sendStats(): void {
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
    plan: i.plan,
    clips,
    clipFrames: clips.map((c) => c.frames),
    silence: silence!,
    impairments: i.impairments,
    recordDir: i.recordDir,
    setupTimeoutMs: i.setupTimeoutMs,
    now: () => performance.now(),
    addTick: (fn) => clock.add(fn),
    onPacing: (ms) => pacing.add(ms),
    onTurn: (ms) => turns.add(ms),
    onSetup: (index) => post({ type: 'setup', index }),
    onEnd: (row) => {
      calls.delete(call);
      post({ type: 'ended', row });
      finishIfStopped();
    },
  });
  calls.add(call);
  call.start();
}

parentPort!.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'init': {
      init = m;
      clips = m.clips.map((c) => ({ ...c, data: asBuffer(c.data) }));
      const s = silenceClip(m.channel);
      silence = { ...s, data: asBuffer(s.data), pcm: new Int16Array(160) };
      statsTimer = setInterval(sendStats, STATS_EVERY_MS);
      post({ type: 'ready', workerIndex: m.workerIndex });
      return;
    }
    case 'start':
      start(m.call);
      return;
    case 'stop':
      stopping = true;
      for (const c of [...calls]) c.stop();
      finishIfStopped();
      return;
  }
});
