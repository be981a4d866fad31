// One line of a call's log file (`<call>.events.jsonl`): one message in or out, or an internal note.
// Written once, by the endpoint that saw the message; read by the call library and sent live to the
// renderer. Every line carries a stable message code with parameters (`msg`), so the renderer words
// it in the user's language; `summary` is the English wording of the same message, for files and CLI.
import { z } from 'zod';

/** Parameters of a message: flat values only, so any language can place them in its own sentence. */
export const logParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type LogParams = z.infer<typeof logParamsSchema>;

export const logMessageSchema = z.object({
  /** Stable message code (see messages.ts), e.g. `frame.media`, `action.sent`, `FRAME_BAD_BASE64`. */
  code: z.string().max(60),
  params: logParamsSchema,
});
export type LogMessage = z.infer<typeof logMessageSchema>;

export const logDirSchema = z.enum(['in', 'out', 'internal']);

/** The key order here is the key order of a line in the file (the writer builds lines as text). */
export const logEntrySchema = z.object({
  seq: z.number().int(),
  /** Epoch ms (with fraction) of arrival or sending. */
  at: z.number(),
  dir: logDirSchema,
  /** Protocol event (connected, media, closed, chunk, transfer, hangup…) or an internal kind (error, warning, info). */
  type: z.string(),
  size: z.number().int().nonnegative(),
  /** English wording of `msg`; media payloads are summarised, never copied. */
  summary: z.string(),
  /** Stable error/warning code for bad input (FRAME_BAD_BASE64…). */
  code: z.string().optional(),
  /** The message as JSON text with payloads elided, for "copy as JSON". Cut to INLINE_JSON_MAX in memory. */
  json: z.string().optional(),
  /** Set when `json` was cut: the length of the whole JSON text, which only the file holds. */
  jsonLength: z.number().int().optional(),
  /** What happened, as a code with parameters, for wording in any language. */
  msg: logMessageSchema.optional(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

/**
 * Longest `json` kept in memory and sent live. A frame's JSON can be a megabyte (an unknown event
 * with a large body); the file keeps it whole, memory keeps the head and the length.
 */
export const INLINE_JSON_MAX = 2048;

/** The entry as it may be held in memory or sent live: `json` cut to INLINE_JSON_MAX. Returns the same object when nothing is cut. */
export function inlineEntry(e: LogEntry): LogEntry {
  if (e.json === undefined || e.json.length <= INLINE_JSON_MAX) return e;
  return { ...e, json: detachedHead(e.json, INLINE_JSON_MAX), jsonLength: e.jsonLength ?? e.json.length };
}

/**
 * The first `n` characters as a string of their own. A plain `slice` is, in V8, a view that keeps the
 * whole parent string alive: a megabyte per cut entry. A JSON round trip copies the characters.
 */
function detachedHead(s: string, n: number): string {
  return JSON.parse(JSON.stringify(s.slice(0, n))) as string;
}

/** One line of text → a valid entry, or null (a damaged line is skipped by readers, never fatal). */
export function parseLogLine(text: string): LogEntry | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = logEntrySchema.safeParse(v);
  return parsed.success ? parsed.data : null;
}

/**
 * The line for an entry, byte-identical to `JSON.stringify(entry)` with the schema's key order.
 * `typeJson`, `summaryJson` and `jsonJson` are already JSON strings (callers cache them, or their
 * parts, on the hot path).
 */
export function logLineText(
  seq: number,
  at: number,
  dir: LogEntry['dir'],
  typeJson: string,
  size: number,
  summaryJson: string,
  code: string | undefined,
  jsonJson: string | undefined,
  msgJson: string | undefined,
): string {
  let line = `{"seq":${seq},"at":${Number.isFinite(at) ? at : 'null'},"dir":"${dir}","type":${typeJson},"size":${Number.isFinite(size) ? size : 'null'},"summary":${summaryJson}`;
  if (code) line += `,"code":${JSON.stringify(code)}`;
  if (jsonJson !== undefined) line += `,"json":${jsonJson}`;
  if (msgJson !== undefined) line += `,"msg":${msgJson}`;
  return line + '}';
}
