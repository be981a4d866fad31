// A stored call as the pieces it is kept in (meta facts, the call log's entries, the recording) and
// the live events rebuilt from them: for loading a past call into a CallRecord and for replaying it.
// Levels and voice activity come from the recording (the endpoint's own meter and VAD, so they match
// what the live view showed); actions from the log's `action.sent` lines.
import { inlineEntry } from '../../shared/call-log';
import { contract, type EventPayload } from '../../shared/contract';
import type { CallAction, CallEnded, CallStarted, FrameStats, LogEntry } from '../../shared/contract/live';
import type { MetaFile } from './disk';
import { CallRecord, type LiveLine } from './call-record';
import { linesFromWav } from './wav-replay';

export interface CallParts {
  callId: string;
  started: CallStarted | null;
  ended: CallEnded | null;
  /** The call log's entries, in order. */
  entries: readonly LogEntry[];
  /** The recording (WAV bytes), when there is one. */
  wav: Uint8Array | null;
  /** Version 1 exports: the live events as they were recorded (used instead of the pieces above). */
  legacyLines?: readonly LiveLine[] | undefined;
}

const noStats: FrameStats = { frames: 0, bytes: 0, audioSeconds: 0, wallSeconds: 0, gaps: 0, jitterMs: 0, errors: {} };

/** call:started / call:ended from a meta file (or the facts of an imported call). */
export function factsFromMeta(callId: string, meta: MetaFile | null, source: CallStarted['source'] = 'endpoint'): { started: CallStarted | null; ended: CallEnded | null } {
  if (!meta || typeof meta.startedAt !== 'number') return { started: null, ended: null };
  const query = (meta as { query?: unknown }).query;
  const started: CallStarted = {
    callId,
    source,
    startedAt: meta.startedAt,
    tenant: meta.tenant ?? null,
    query: query && typeof query === 'object' ? Object.fromEntries(Object.entries(query).filter((kv): kv is [string, string] => typeof kv[1] === 'string')) : {},
    channel: meta.channel ?? null,
    legs: meta.legs ?? [],
    recordingPath: null,
  };
  const ended: CallEnded | null =
    typeof meta.endedAt === 'number' ? { callId, endedAt: meta.endedAt, reason: meta.reason ?? 'closed', stats: meta.stats ?? noStats, recordingPath: null } : null;
  return { started, ended };
}

/** Actions the call log recorded as sent (the log line carries kind, origin, detail and audio time). */
export function actionsFromLog(callId: string, entries: readonly LogEntry[]): CallAction[] {
  const out: CallAction[] = [];
  for (const e of entries) {
    if (e.dir !== 'out' || e.msg?.code !== 'action.sent') continue;
    const p = e.msg.params;
    if (p.kind !== 'media' && p.kind !== 'chunk' && p.kind !== 'transfer' && p.kind !== 'hangup') continue;
    out.push({ callId, kind: p.kind, at: e.at, t: typeof p.t === 'number' ? p.t : 0, detail: String(p.detail ?? ''), origin: String(p.origin ?? ''), msg: e.msg });
  }
  return out;
}

/** The call's live events in time order (w = ms after the call started), as a replay sends them. */
export function liveLinesOf(parts: CallParts): LiveLine[] {
  if (parts.legacyLines) return [...parts.legacyLines].sort((a, b) => a.w - b.w);
  const { callId } = parts;
  const startedAt = parts.started?.startedAt ?? parts.entries[0]?.at ?? 0;
  const lines: LiveLine[] = [];
  if (parts.started) lines.push({ w: 0, e: 'call:started', p: parts.started });
  if (parts.wav) {
    try {
      for (const l of linesFromWav(parts.wav, callId, startedAt, parts.started?.tenant ?? null)) {
        if (l.e === 'call:levels' || l.e === 'call:voice') lines.push(l);
        else if (l.e === 'call:started' && !parts.started) lines.push(l);
      }
    } catch {
      // A damaged recording leaves the log: the call is still readable.
    }
  }
  // Log entries in runs of up to 50 per line (the live view gets them in ~20 ms batches too).
  for (let i = 0; i < parts.entries.length; ) {
    const first = parts.entries[i]!;
    const w = Math.max(0, first.at - startedAt);
    const batch: LogEntry[] = [];
    while (i < parts.entries.length && batch.length < 50 && parts.entries[i]!.at - first.at < 20) batch.push(parts.entries[i++]!);
    lines.push({ w, e: 'call:log', p: { callId, entries: batch } });
  }
  for (const a of actionsFromLog(callId, parts.entries)) lines.push({ w: Math.max(0, a.at - startedAt), e: 'call:action', p: a });
  const lastW = lines.reduce((m, l) => Math.max(m, l.w), 0);
  const ended = parts.ended ?? (lines.length ? { callId, endedAt: startedAt + lastW, reason: 'closed', stats: noStats, recordingPath: null } : null);
  if (ended) lines.push({ w: Math.max(lastW, ended.endedAt - startedAt), e: 'call:ended', p: ended });
  // Stable sort: at equal times, levels before the voice change they caused.
  return lines.sort((a, b) => a.w - b.w);
}

/** A CallRecord of a stored call (its log as memory keeps it). */
export function recordOf(parts: CallParts): CallRecord {
  const record = new CallRecord(parts.callId);
  for (const l of liveLinesOf(parts)) record.apply(l.e, l.p);
  return record;
}

/** A version 1 export's line, validated against the contract; bad lines are skipped (null), never fatal. */
export function validLiveLine(raw: { w: number; e: LiveLine['e']; p: unknown }): LiveLine | null {
  if (!Number.isFinite(raw.w)) return null;
  const parsed = contract.events[raw.e].payload.safeParse(raw.p);
  if (!parsed.success) return null;
  if (raw.e !== 'call:log') return { w: raw.w, e: raw.e, p: parsed.data };
  const p = parsed.data as EventPayload<'call:log'>;
  return { w: raw.w, e: raw.e, p: { ...p, entries: p.entries.map(inlineEntry) } };
}
