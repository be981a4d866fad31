// Messages between the campaign's main thread and its generator workers (same process, structured
// clone). Clips travel once, as SharedArrayBuffer views; calls are started one message each.
import type { CompiledScenario } from '../bot-tests/caller';
import type { HistogramDelta } from './histogram';
import type { Impairments } from './impairments';
import type { Channel, PreEncodedClip } from './pre-encoded';
import type { PriorityMode } from '../../shared/campaign/priority';
import type { PriorityOutcome } from './thread-priority';

export interface StepVerdict {
  step: number;
  kind: string;
  ok: boolean;
  /** The figure the step measured (turn latency…), ms. */
  measuredMs?: number;
  message?: string;
}

export interface WorkerInit {
  type: 'init';
  workerIndex: number;
  /** Where this worker's frame slots fall on the wall clock's 2 ms grid (epoch ms modulo 2): workers spread over it. */
  phaseMs: number;
  /** Scheduling priority to ask for this worker's thread (it reports what it got). */
  priority: PriorityMode;
  channel: Channel;
  /** The scenario, compiled once in the main thread (caller audio decoded). */
  compiled: CompiledScenario;
  /** Each say / barge_in step's audio pre-encoded once per campaign (SharedArrayBuffer views), by step index. */
  sayClips: [number, PreEncodedClip][];
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

/**
 * What a watched call forwards while it runs (one call at a time, for the app's live view): its
 * start, each frame's leg levels (dBFS), the bot's actions, each turn, its end. Times `t` are call
 * audio ms, `at` epoch ms.
 */
export type LiveNote =
  | { kind: 'started'; callId: string; startedAt: number; query: Record<string, string>; channel: Channel }
  /** `pcm`: the frame's audio, 16-bit LE, the call's legs interleaved (A then B), for listening. */
  | { kind: 'frame'; t: number; aRms: number; aPeak: number; bRms: number; bPeak: number; pcm: Uint8Array<ArrayBuffer> }
  /** `bytes`: the size of the bot's message that carried the action. */
  | { kind: 'action'; t: number; at: number; action: 'media' | 'chunk' | 'transfer' | 'hangup'; detail: string; bytes: number }
  | { kind: 'turn'; t: number; at: number; latencyMs: number }
  | { kind: 'ended'; at: number; reason: string; frames: number };

/** `watch`: the one call (by index) whose LiveNotes to forward; null: none. */
export type ToWorker = WorkerInit | { type: 'start'; call: CallSpec } | { type: 'stop' } | { type: 'watch'; index: number | null };

export interface CallRow {
  index: number;
  callId: string;
  setup: 'ok' | 'failed';
  /** WebSocket handshake time, ms. */
  setupMs: number | null;
  firstBotAudioMs: number | null;
  /** Each turn: the bot's audio start − the caller's last word as sent, ms (0.1 ms). */
  turnLatenciesMs: number[];
  /** Each turn: epoch ms of the caller's last word as sent (null when the call kept no real clock). */
  turnSpeechEndAt: (number | null)[];
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

export type FromWorker =
  | { type: 'ready'; workerIndex: number; priority: PriorityOutcome }
  /** The worker's thread priority changed while running (lowered when overloaded). */
  | { type: 'priority'; workerIndex: number; priority: PriorityOutcome }
  | { type: 'setup'; index: number }
  | WorkerStats
  | { type: 'ended'; row: CallRow }
  | { type: 'live'; index: number; note: LiveNote }
  | { type: 'fatal'; message: string };
