// What a bot test produces: per-step verdicts with measured figures, the call's timeline, the whole-call
// verdicts. Plain data (JSON-safe), shared by the reports, the CLI, the Tests screen and campaigns.
import type { StepKind } from '../../shared/scenario';

export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';

export interface StepResult {
  index: number;
  kind: StepKind;
  /** Line of the step in the scenario file. */
  line: number | null;
  status: StepStatus;
  /** Call time (ms since `connected`) the step started and ended. */
  startMs: number | null;
  endMs: number | null;
  /** Measured figures, e.g. { latency_ms: 512, limit_ms: 1500 }. */
  figures: Record<string, number | string>;
  /** Expected vs measured, in words, when the step failed (or a note when it passed). */
  message: string;
}

export interface ExpectationResult {
  name: string;
  passed: boolean;
  /** true: reported only (protocol: warn, conformance: warn). */
  warning?: boolean;
  message: string;
  figures: Record<string, number | string>;
}

export interface TimelineSpan {
  startMs: number;
  endMs: number;
  label?: string;
}

export interface TimelineEvent {
  ms: number;
  kind: 'transfer' | 'bot-hangup' | 'caller-hangup' | 'socket-closed' | 'protocol' | 'conformance';
  detail: string;
  code?: string;
}

export interface TurnLatency {
  step: number;
  lastWordMs: number;
  botStartMs: number;
  latencyMs: number;
}

export interface Timeline {
  /** Leg A: when the bot's audio played (as PSR plays it). */
  bot: TimelineSpan[];
  /** Leg B: the caller's utterances. */
  caller: TimelineSpan[];
  events: TimelineEvent[];
  latencies: TurnLatency[];
}

export interface TestResult {
  file: string;
  name: string;
  callId: string;
  passed: boolean;
  /** Why the call ended: caller-hangup, bot-hangup, socket-closed, max-duration, unreachable. */
  endReason: string;
  durationMs: number;
  steps: StepResult[];
  expectations: ExpectationResult[];
  timeline: Timeline;
  /** The query string the bot accepted the connection with. */
  query: Record<string, string>;
  /** Recording files (absolute paths) when recorded. */
  recording?: { full: string; mixed: string; meta: string } | undefined;
  /** Leg A and B peak per 20 ms frame (0..1, quantised to 0..255), for the report's waveform. */
  peaks?: { a: number[]; b: number[] } | undefined;
  /** First failure, in words (the JUnit message). */
  failure?: string | undefined;
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}
