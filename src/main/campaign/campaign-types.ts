// The shapes a campaign run produces: live progress snapshots and the final result (the JSON report).
import type { CallRow } from './worker-protocol';
import type { Impairments } from './impairments';
import type { FramePriority } from './thread-priority';

export interface Thresholds {
  /** p95 of every turn latency must be at most this (ms); null: not checked. */
  maxP95TurnMs: number | null;
  /** Share of calls that must pass (set up and every step passed), percent. */
  minSuccessPct: number;
}

export interface ProgressPoint {
  /** Seconds since the campaign started. */
  t: number;
  active: number;
  launched: number;
  done: number;
  passed: number;
  failed: number;
  setupOk: number;
  setupFailed: number;
  /** Calls finished per second over the last interval. */
  callsPerSec: number;
  /** Turn latency over the last 5 s (ms; null when no turn ended). */
  turnP50: number | null;
  turnP95: number | null;
  /** Generator send deviation p99 over the last 5 s (ms). */
  pacingP99: number | null;
  /** Errors so far, by code. */
  errors: Record<string, number>;
}

export interface ThresholdVerdict {
  name: 'call_success_pct' | 'setup_success_pct' | 'p95_turn_ms';
  limit: number;
  measured: number | null;
  ok: boolean;
}

export interface CampaignSummary {
  calls: number;
  setupOk: number;
  setupFailed: number;
  passed: number;
  failed: number;
  setupSuccessPct: number;
  callSuccessPct: number;
  turns: number;
  turnP50: number | null;
  turnP95: number | null;
  turnP99: number | null;
  turnMax: number | null;
  firstAudioP50: number | null;
  pacingP50: number | null;
  pacingP99: number | null;
  pacingMax: number | null;
  framesLatePct: number;
  framesSent: number;
  framesDropped: number;
  framesDelayed: number;
  generatorCpuPctOfCore: number;
  /** The scheduling priority the generator's frame threads ran at (the weakest of them). */
  framePriority: FramePriority;
  loadAvg: number[];
  errors: Record<string, number>;
}

export interface CampaignResult {
  schema: 'psr-console.campaign-report/1';
  name: string;
  botUrl: string;
  scenario: string;
  profile: string | null;
  startedAt: string;
  durationS: number;
  options: { calls: number; concurrency: number; rampPerSec: number; durationS: number | null; workers: number; channel: string; impairments: Impairments; recordSample: number };
  thresholds: ThresholdVerdict[];
  verdict: 'pass' | 'fail' | 'error';
  summary: CampaignSummary;
  timeline: ProgressPoint[];
  /** One row per call (the customer's columns included). */
  rows: (CallRow & { customer: Record<string, string> | null })[];
  rowsTruncated: number;
}
