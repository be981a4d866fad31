// Contract of the "calls" domain: live call records kept in main (log paging, turn latency), the call
// library (endpoint, simulator, imported), export/import, replay. See src/shared/contract/index.ts.
import { z } from 'zod';
import { defineCall, defineEvent, noArgs, okResult, type CallSpec, type EventSpec } from './define';
import { callActionSchema, callStartedSchema, channelLayoutSchema, frameStatsSchema, legSchema, logEntrySchema, voiceActivitySchema } from './live';

/**
 * Call ids become file names: keep them to a safe alphabet. `~` appears only in ids this app gives:
 * `<call_id>~2` (a second connection with the same call_id), `<call_id>~imported` (an imported copy).
 */
export const callIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,159}$/, 'a call id (letters, digits, . _ - ~, at most 160)')
  .refine((s) => !s.includes('..'), 'a call id without ".."');

/** One turn: the caller (leg B) stops speaking, then the bot (leg A) starts. Times are call audio ms. */
export const turnSchema = z.object({
  index: z.number().int(),
  bEndT: z.number(),
  aStartT: z.number(),
  latencyMs: z.number(),
  /** The caller started talking while the bot was speaking in this turn. */
  bargeIn: z.boolean(),
});
export type Turn = z.infer<typeof turnSchema>;

export const turnSummarySchema = z.object({
  count: z.number().int(),
  minMs: z.number().nullable(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
  lastMs: z.number().nullable(),
  bargeIns: z.number().int(),
});
export type TurnSummary = z.infer<typeof turnSummarySchema>;

export const recordingRefSchema = z.object({
  /** Opaque id to pass to calls:recording. */
  id: z.string(),
  /** 'stereo' (A left, B right), 'mono' (mixed), 'leg-a'… : what the file holds. */
  kind: z.string(),
  size: z.number().int().nonnegative(),
});
export type RecordingRef = z.infer<typeof recordingRefSchema>;

export const librarySourceSchema = z.enum(['endpoint', 'simulator', 'replay', 'imported', 'request']);

/**
 * One of a stored call's files that is there but cannot be used (an empty or garbled meta file, a
 * WAV cut shorter than its header…): which part, and why as an error code of the catalogue with its
 * params, worded by the renderer like any error. A damaged recording is not in `recordings`.
 */
export const callProblemSchema = z.object({
  part: z.enum(['meta', 'recording']),
  /** For a recording: the id it would have in `recordings` ('endpoint', 'sim-full', 'sim-mono'). */
  recordingId: z.string().optional(),
  code: z.string(),
  /** English, for logs and the CLI. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type CallProblem = z.infer<typeof callProblemSchema>;

export const callSummarySchema = z.object({
  callId: z.string(),
  sources: z.array(librarySourceSchema),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  durationMs: z.number().nullable(),
  legs: z.array(legSchema),
  channel: channelLayoutSchema.nullable(),
  tenant: z.string().nullable(),
  reason: z.string().nullable(),
  live: z.boolean(),
  turns: turnSummarySchema,
  recordings: z.array(recordingRefSchema),
  /** Whether a full log (and live events for replay) is available. */
  hasLog: z.boolean(),
  replayable: z.boolean(),
  /** Files of the call that are damaged (empty when every file it has can be read). */
  problems: z.array(callProblemSchema),
  /** What the endpoint measured of the stream (gaps, jitter, late and bad frames), when it did. */
  quality: frameStatsSchema.nullable().optional(),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

export const liveCallSchema = z.object({
  started: callStartedSchema,
  ended: z.boolean(),
  endedAt: z.number().nullable(),
  reason: z.string().nullable(),
});
export type LiveCall = z.infer<typeof liveCallSchema>;

export const callDetailSchema = z.object({
  summary: callSummarySchema,
  started: callStartedSchema.nullable(),
  actions: z.array(callActionSchema),
  voice: z.array(voiceActivitySchema),
  turns: z.array(turnSchema),
  /** Call audio time (ms) where the call's audio on legs A/B ends (null without level windows). */
  endT: z.number().nullable(),
  /** From create-stream history when known; tokens never included. */
  request: z.unknown().nullable(),
  response: z.unknown().nullable(),
});
export type CallDetail = z.infer<typeof callDetailSchema>;

export const logDirSchema = z.enum(['in', 'out', 'internal']);

export const logPageArgsSchema = z
  .object({
    callId: z.string().min(1, 'a call id'),
    offset: z.number().int().min(0, 'an offset of 0 or more').default(0),
    limit: z.number().int().min(1).max(1000, 'a limit between 1 and 1000').default(200),
    /** Return the last `limit` matching entries (offset is ignored). */
    tail: z.boolean().default(false),
    types: z.array(z.string().max(40)).max(50).optional(),
    dirs: z.array(logDirSchema).max(3).optional(),
    search: z.string().max(200, 'a search text of at most 200 characters').optional(),
  })
  .strict();

export const logPageSchema = z.object({
  callId: z.string(),
  offset: z.number().int(),
  entries: z.array(logEntrySchema),
  /** Entries in the call's log. */
  total: z.number().int(),
  /** Entries matching the filter. */
  matched: z.number().int(),
  /** Every type seen in this call, for the filter. */
  types: z.array(z.string()),
});
export type LogPage = z.infer<typeof logPageSchema>;

/**
 * The log as the live view shows it: each run of consecutive `media` messages in one direction is one
 * summary row (frames arrive every 20 ms; one row each would bury everything else). Entries with an
 * error code are never folded. A run listed in `expanded` (by its first entry's seq) is shown as its
 * summary row followed by one row per message.
 */
export const logRowsArgsSchema = logPageArgsSchema
  .extend({
    expanded: z.array(z.number().int()).max(100, 'at most 100 expanded runs').optional(),
  })
  .strict();

export const mediaRunSchema = z.object({
  dir: logDirSchema,
  count: z.number().int(),
  bytes: z.number().int(),
  /** Audio carried by the run (sum of the frames' durations), when the summaries say it. */
  audioMs: z.number().nullable(),
  firstAt: z.number(),
  lastAt: z.number(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** Whether the run's messages follow as their own rows. */
  expanded: z.boolean(),
});
export type MediaRun = z.infer<typeof mediaRunSchema>;

export const logRowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entry'), entry: logEntrySchema, /** Part of an expanded media run. */ inRun: z.boolean() }),
  z.object({ kind: z.literal('media'), run: mediaRunSchema }),
]);
export type LogRow = z.infer<typeof logRowSchema>;

export const logRowsSchema = z.object({
  callId: z.string(),
  /** Row offset of `rows[0]`. */
  offset: z.number().int(),
  rows: z.array(logRowSchema),
  /** Rows for the whole filtered log. */
  rowCount: z.number().int(),
  /** Entries in the call's log. */
  total: z.number().int(),
  /** Entries matching the filter. */
  matched: z.number().int(),
  types: z.array(z.string()),
  /** Entries of each type in the whole log. */
  typeCounts: z.record(z.string(), z.number().int()),
});
export type LogRows = z.infer<typeof logRowsSchema>;

const byCallId = z.object({ callId: callIdSchema }).strict();

export const callsCalls = {
  'calls:live': defineCall(noArgs, z.object({ calls: z.array(liveCallSchema) }), 'Calls known to this process, newest first (live and recent)'),
  'calls:list': defineCall(noArgs, z.object({ calls: z.array(callSummarySchema) }), 'The call library: past and live calls, newest first'),
  'calls:get': defineCall(byCallId, callDetailSchema, 'One call: summary, actions, voice activity, turns'),
  'calls:logPage': defineCall(logPageArgsSchema, logPageSchema, 'A page of a call log, filtered by type, direction and text'),
  'calls:logRows': defineCall(logRowsArgsSchema, logRowsSchema, 'A page of a call log as shown: filtered, with runs of media messages summarised'),
  'calls:logEntry': defineCall(
    z.object({ callId: callIdSchema, seq: z.number().int().min(0, 'a log entry number of 0 or more') }).strict(),
    logEntrySchema,
    'One log entry whole, read from the call log file (entries in pages cut a large `json` to its head)',
  ),
  'calls:recording': defineCall(
    z.object({ callId: callIdSchema, recordingId: z.string().min(1, 'a recording id').max(200) }).strict(),
    z.object({ mime: z.string(), base64: z.string(), kind: z.string() }),
    'The bytes of one recording (WAV) as base64',
  ),
  'calls:export': defineCall(byCallId, z.object({ fileName: z.string(), content: z.string() }), 'One file (JSON) with request, response, events, log and recordings; no tokens'),
  'calls:import': defineCall(
    z.object({ content: z.string().min(2, 'the text of an exported call file').max(300_000_000) }).strict(),
    z.object({ callId: z.string() }),
    'Import a call exported with calls:export',
  ),
  'calls:delete': defineCall(byCallId, okResult, 'Delete a past call: recordings, logs, imported bundle'),
  'calls:replay': defineCall(
    z.object({ callId: callIdSchema, speed: z.number().min(0.25).max(8, 'a speed between 0.25 and 8').default(1) }).strict(),
    z.object({ replayCallId: z.string() }),
    'Replay a recorded call through the live view (emits call:* events with source "replay")',
  ),
  'calls:listen': defineCall(
    z.object({ callId: z.string().min(1, 'a call id').max(200), on: z.boolean() }).strict(),
    okResult,
    'Listen to a replay (pushes call:audio from its recording); live calls use live:listen',
  ),
  'calls:stopReplay': defineCall(z.object({ replayCallId: z.string().min(1) }).strict(), okResult, 'Stop a replay'),
} satisfies Record<string, CallSpec>;

export const callsEvents = {
  'calls:changed': defineEvent(z.object({ reason: z.string() }), 'The call library changed (call ended, imported, deleted)'),
  'calls:turn': defineEvent(
    /** turn is null when only the summary changed (the caller talked over a bot utterance that was not a turn, e.g. the greeting). */
    z.object({ callId: z.string(), turn: turnSchema.nullable(), summary: turnSummarySchema }),
    'A turn latency was measured (or a barge-in counted) on a live call',
  ),
} satisfies Record<string, EventSpec>;
