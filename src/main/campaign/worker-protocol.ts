// Messages between the campaign's main thread and its generator workers (same process, structured
// clone). Clips travel once, as SharedArrayBuffer views; calls are started one message each.
import type { CallerPlan, StepVerdict } from './caller-plan';
import type { HistogramDelta } from './histogram';
import type { Impairments } from './impairments';
import type { Channel } from './pre-encoded';

export interface SharedClip {
  frames: number;
  stride: number;
  /** base64 text, frames × stride. */
  data: Uint8Array;
  /** The clip's 8 kHz mono samples (for frames that also carry the bot's audio on leg A). */
  pcm: Int16Array;
}

export interface WorkerInit {
  type: 'init';
  workerIndex: number;
  channel: Channel;
  plan: CallerPlan;
  clips: SharedClip[];
  impairments: Impairments;
  /** Folder for sampled recordings (null: none). */
  recordDir: string | null;
  /** Setup (WebSocket handshake) timeout, ms. */
  setupTimeoutMs: number;
}

export interface CallSpec {
  index: number;
  callId: string;
  url: string;
  record: boolean;
}

export type ToWorker = WorkerInit | { type: 'start'; call: CallSpec } | { type: 'stop' };

export interface CallRow {
  index: number;
  callId: string;
  setup: 'ok' | 'failed';
  /** WebSocket handshake time, ms. */
  setupMs: number | null;
  firstBotAudioMs: number | null;
  turnLatenciesMs: number[];
  actions: { media: number; chunk: number; transfer: number; hangup: number };
  garbage: Record<string, number>;
  verdicts: StepVerdict[];
  passed: boolean;
  /** How the call ended: completed, caller-hangup, bot-hangup, failed, bot-disconnected, timeout, stopped, setup-failed. */
  end: string;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: number;
  durationMs: number;
  framesSent: number;
  framesDropped: number;
  framesDelayed: number;
  maxHeldMs: number;
  recording: string | null;
}

export interface WorkerStats {
  type: 'stats';
  workerIndex: number;
  active: number;
  /** Send deviation of every frame since the last report (actual send − schedule). */
  pacing: HistogramDelta;
  turns: HistogramDelta;
  framesSent: number;
  cpuMs: number;
}

export type FromWorker = { type: 'ready'; workerIndex: number } | { type: 'setup'; index: number } | WorkerStats | { type: 'ended'; row: CallRow } | { type: 'fatal'; message: string };
