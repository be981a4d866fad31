// What a bot test produces (JSON-safe): per-step verdicts with measured figures, the call's timeline,
// the whole-call verdicts. One schema for the CLI's JSON, the Tests screen (contract) and campaigns.
import { z } from 'zod';
import { stepKinds } from './schema';

const figuresSchema = z.record(z.string(), z.union([z.number(), z.string()]));

export const stepResultSchema = z.object({
  index: z.number().int(),
  kind: z.enum(stepKinds as [string, ...string[]]),
  /** Line of the step in the scenario file. */
  line: z.number().int().nullable(),
  status: z.enum(['pending', 'running', 'passed', 'failed', 'skipped']),
  /** Call time (ms since `connected`) the step started and ended. */
  startMs: z.number().nullable(),
  endMs: z.number().nullable(),
  /** Measured figures, e.g. { latency_ms: 512, limit_ms: 1500 }. */
  figures: figuresSchema,
  /** Expected vs measured, in words, when the step failed (or a note when it passed). */
  message: z.string(),
  /** The same as a code with params (step-messages.ts), for wording in the user's language. */
  msg: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).optional(),
});
export type StepResult = z.infer<typeof stepResultSchema>;
export type StepStatus = StepResult['status'];

export const expectationResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  /** true: reported only (protocol: warn, conformance: warn). */
  warning: z.boolean().optional(),
  message: z.string(),
  /** The same as a code with params (step-messages.ts), for wording in the user's language. */
  msg: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).optional(),
  figures: figuresSchema,
});
export type ExpectationResult = z.infer<typeof expectationResultSchema>;

const spanSchema = z.object({ startMs: z.number(), endMs: z.number(), label: z.string().optional() });
export type TimelineSpan = z.infer<typeof spanSchema>;
const eventSchema = z.object({
  ms: z.number(),
  kind: z.enum(['transfer', 'bot-hangup', 'caller-hangup', 'socket-closed', 'protocol', 'conformance']),
  detail: z.string(),
  code: z.string().optional(),
});
export type TimelineEvent = z.infer<typeof eventSchema>;
const latencySchema = z.object({
  step: z.number().int(),
  lastWordMs: z.number(),
  botStartMs: z.number(),
  latencyMs: z.number(),
  /** The caller's last word on the call's real clock (ms since the call started, as the frame carrying it was sent), when the call timed its frames. */
  lastWordAtMs: z.number().optional(),
});
export type TurnLatency = z.infer<typeof latencySchema>;

export const timelineSchema = z.object({
  /** Leg A: when the bot's audio played (as PSR plays it). */
  bot: z.array(spanSchema),
  /** Leg B: the caller's utterances. */
  caller: z.array(spanSchema),
  events: z.array(eventSchema),
  latencies: z.array(latencySchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

export const testResultSchema = z.object({
  file: z.string(),
  name: z.string(),
  callId: z.string(),
  passed: z.boolean(),
  /** Why the call ended: caller-hangup, bot-hangup, socket-closed, unfinished. */
  endReason: z.string(),
  durationMs: z.number(),
  steps: z.array(stepResultSchema),
  expectations: z.array(expectationResultSchema),
  timeline: timelineSchema,
  /** The query string the bot accepted the connection with. */
  query: z.record(z.string(), z.string()),
  /** Recording files (absolute paths) when recorded. */
  recording: z.object({ full: z.string(), mixed: z.string(), meta: z.string() }).optional(),
  /** Leg A and B peak per 20 ms frame (0..255), for the report's waveform. */
  peaks: z.object({ a: z.array(z.number()), b: z.array(z.number()) }).optional(),
  /** First failure, in words (the JUnit message). */
  failure: z.string().optional(),
});
export type TestResult = z.infer<typeof testResultSchema>;
