// Everything known about one call, whether it is live or was loaded from disk: the log (every entry,
// large `json` cut to its head; the file keeps it whole), actions, voice activity and turns. Live
// events are applied in arrival order.
import { inlineEntry } from '../../shared/call-log';
import type { LogPage, LogRows, Turn } from '../../shared/contract/calls';
import type { CallAction, CallEnded, CallStarted, LogEntry } from '../../shared/contract/live';
import type { EventPayload } from '../../shared/contract';
import { LogRowBuilder } from './log-rows';
import { TurnTracker } from './turn-tracker';

export type VoiceEvent = EventPayload<'call:voice'>;

/** One recorded live event: w = ms since the call started (wall clock), e = event name, p = payload. */
export interface LiveLine {
  w: number;
  e: LiveEventName;
  p: unknown;
}
export const liveEventNames = ['call:started', 'call:levels', 'call:log', 'call:action', 'call:voice', 'call:ended'] as const;
export type LiveEventName = (typeof liveEventNames)[number];
export function isLiveEventName(x: unknown): x is LiveEventName {
  return typeof x === 'string' && (liveEventNames as readonly string[]).includes(x);
}

export interface LogQuery {
  offset: number;
  limit: number;
  tail: boolean;
  types?: string[] | undefined;
  dirs?: Array<'in' | 'out' | 'internal'> | undefined;
  search?: string | undefined;
}

export class CallRecord {
  started: CallStarted | null = null;
  ended: CallEnded | null = null;
  readonly log: LogEntry[] = [];
  readonly actions: CallAction[] = [];
  readonly voice: VoiceEvent[] = [];
  readonly turns = new TurnTracker();
  readonly types = new Set<string>();
  /** Entries of each type, for the type filter. */
  readonly typeCounts: Record<string, number> = {};
  /** Wall clock (epoch ms) when the first event was seen, for LiveLine.w. */
  firstSeenAt: number | null = null;
  /** Call audio time (ms) of the end of the last level window on PSR's legs (A, B): where the call ends on the timeline. */
  audioEndT: number | null = null;
  lastEventAt = 0;
  /** The name its files have in the recordings folder (`<call_id>` or `<call_id>~2`…), when it has files. */
  fileId: string | null = null;
  /** Set once an ended call's log was dropped from memory: it is read from the call log file instead. */
  logReleased = false;
  /** Cached filter result: re-filtering 10,000 entries on every scroll is wasteful. */
  private filterCache: { key: string; upTo: number; indexes: number[] } | null = null;
  /** The rows of the last query (filter + expanded runs), extended as the log grows. */
  private rowsCache: { key: string; rows: LogRowBuilder } | null = null;

  constructor(readonly callId: string) {}

  /** Apply one live event; returns a turn that was created or updated by it. */
  apply(name: LiveEventName, payload: unknown): Turn | null {
    switch (name) {
      case 'call:started':
        this.started = payload as CallStarted;
        return null;
      case 'call:ended':
        this.ended = payload as CallEnded;
        return this.turns.flush();
      case 'call:levels': {
        let done: Turn | null = null;
        for (const w of (payload as EventPayload<'call:levels'>).windows) {
          done = this.turns.onWindow(w.leg, w.t, w.rmsDbfs) ?? done;
          // "Bot out" runs on the bot's own clock (it may send audio faster than real time).
          if (w.leg !== 'botOut' && (this.audioEndT === null || w.t + 20 > this.audioEndT)) this.audioEndT = w.t + 20;
        }
        return done;
      }
      case 'call:log':
        for (const raw of (payload as EventPayload<'call:log'>).entries) {
          // Memory keeps a large frame's JSON cut to its head (the call log file has it whole).
          const e = inlineEntry(raw);
          this.log.push(e);
          this.types.add(e.type);
          this.typeCounts[e.type] = (this.typeCounts[e.type] ?? 0) + 1;
        }
        return null;
      case 'call:action':
        this.actions.push(payload as CallAction);
        return null;
      case 'call:voice': {
        const v = payload as VoiceEvent;
        this.voice.push(v);
        return this.turns.onVoice(v.leg, v.speaking, v.t);
      }
      default:
        return null;
    }
  }

  /** Drop the log (the file holds it) and keep what the live view lists: started, ended, turns. */
  releaseLog(): void {
    this.log.length = 0;
    this.filterCache = null;
    this.rowsCache = null;
    this.logReleased = true;
  }

  logPage(q: LogQuery): LogPage {
    const types = [...this.types].sort();
    if (!isFiltered(q)) {
      const n = this.log.length;
      const offset = q.tail ? Math.max(0, n - q.limit) : Math.min(q.offset, n);
      return { callId: this.callId, offset, entries: this.log.slice(offset, offset + q.limit), total: n, matched: n, types };
    }
    const indexes = this.matching(q);
    const matched = indexes.length;
    const offset = q.tail ? Math.max(0, matched - q.limit) : Math.min(q.offset, matched);
    const entries = indexes.slice(offset, offset + q.limit).map((i) => this.log[i]!);
    return { callId: this.callId, offset, entries, total: this.log.length, matched, types };
  }

  /** The log as shown: filtered, runs of media messages folded into summary rows (see log-rows.ts). */
  logRows(q: LogQuery & { expanded?: number[] | undefined }): LogRows {
    const filtered = isFiltered(q);
    const indexes = filtered ? this.matching(q) : null;
    const matched = indexes ? indexes.length : this.log.length;
    const expanded = [...new Set(q.expanded ?? [])].sort((a, b) => a - b);
    const key = JSON.stringify([filtered ? this.filterCache?.key : null, expanded]);
    let cache = this.rowsCache;
    if (!cache || cache.key !== key || cache.rows.upTo > matched) cache = { key, rows: new LogRowBuilder(new Set(expanded)) };
    for (let k = cache.rows.upTo; k < matched; k++) cache.rows.add(this.log, indexes ? indexes[k]! : k);
    this.rowsCache = cache;
    const n = cache.rows.rowCount;
    const offset = q.tail ? Math.max(0, n - q.limit) : Math.min(q.offset, n);
    return {
      callId: this.callId,
      offset,
      rows: cache.rows.page(this.log, offset, q.limit),
      rowCount: n,
      total: this.log.length,
      matched,
      types: [...this.types].sort(),
      typeCounts: { ...this.typeCounts },
    };
  }

  private matching(q: LogQuery): number[] {
    const types = q.types && q.types.length ? new Set(q.types) : null;
    const dirs = q.dirs && q.dirs.length ? new Set(q.dirs) : null;
    const needle = q.search?.trim().toLowerCase() || null;
    const key = JSON.stringify([q.types ?? [], q.dirs ?? [], needle]);
    // The log only grows, so a cached result is extended with the new entries.
    let cache = this.filterCache;
    if (!cache || cache.key !== key || cache.upTo > this.log.length) cache = { key, upTo: 0, indexes: [] };
    for (let i = cache.upTo; i < this.log.length; i++) {
      const e = this.log[i]!;
      if (types && !types.has(e.type)) continue;
      if (dirs && !dirs.has(e.dir)) continue;
      if (needle && !haystack(e).includes(needle)) continue;
      cache.indexes.push(i);
    }
    cache.upTo = this.log.length;
    this.filterCache = cache;
    return cache.indexes;
  }
}

function haystack(e: LogEntry): string {
  return `${e.type}\n${e.summary}\n${e.code ?? ''}\n${e.json ?? ''}`.toLowerCase();
}

function isFiltered(q: LogQuery): boolean {
  return !!(q.types?.length || q.dirs?.length || q.search?.trim());
}
