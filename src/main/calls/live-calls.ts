// Live recording: follows every call:* event on the bus and keeps, per call, what the live view asks
// for (log entries with large `json` cut, actions, voice, turn latency). It writes no copy of the
// call's messages: the endpoint's call log file is the record. When a call ends, its turn summary is
// saved (the one fact measured here) and its log is dropped from memory (read from the file after).
import fs from 'node:fs';
import path from 'node:path';
import type { EventName } from '../../shared/contract';
import type { LiveCall } from '../../shared/contract/calls';
import type { CallStarted } from '../../shared/contract/live';
import type { EventBus } from '../api/event-bus';
import type { Logger } from '../logger';
import { CallRecord, isLiveEventName, type LiveLine } from './call-record';
import { MAX_BOT_OUT_VOICE, MAX_SUMMARY_TURNS, ownSummarySchema, safe, type CallsDisk, type OwnSummary } from './disk';

export interface LiveCallsDeps {
  disk: CallsDisk;
  events: EventBus;
  logger: Logger;
  now: () => number;
  /** Whether a call id is a replay running in this process (replays are never saved). */
  isReplay: (callId: string) => boolean;
  /** How many ended calls stay listed as recent (without their logs). */
  keepInMemory?: number;
}

export class LiveCalls {
  private readonly records = new Map<string, CallRecord>();
  private unsubscribe: (() => void) | null;

  constructor(private readonly d: LiveCallsDeps) {
    this.unsubscribe = d.events.subscribe((name, payload) => this.onEvent(name, payload));
  }

  /** The record of a library id: its files' name (`<id>~2` for a second connection), else its call id. */
  get(id: string): CallRecord | undefined {
    for (const r of this.records.values()) if (r.fileId === id) return r;
    const r = this.records.get(id);
    return r && (r.fileId === null || r.fileId === id) ? r : undefined;
  }

  all(): CallRecord[] {
    return [...this.records.values()];
  }

  forget(id: string): void {
    const r = this.get(id);
    if (r) this.records.delete(r.callId);
  }

  list(): LiveCall[] {
    return [...this.records.values()]
      .filter((r): r is CallRecord & { started: CallStarted } => r.started !== null)
      .sort((a, b) => b.started.startedAt - a.started.startedAt)
      .map((r) => ({ started: r.started, ended: r.ended !== null, endedAt: r.ended?.endedAt ?? null, reason: r.ended?.reason ?? null }));
  }

  private onEvent(name: EventName, payload: unknown): void {
    if (!isLiveEventName(name)) return;
    const callId = (payload as { callId?: unknown }).callId;
    if (typeof callId !== 'string') return;
    try {
      this.apply(callId, name, payload);
    } catch (e) {
      // Bad input is logged and skipped; it never kills the call or the bus.
      this.d.logger.warn('calls.event_failed', { event: name, callId, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private apply(callId: string, name: LiveLine['e'], payload: unknown): void {
    let rec = this.records.get(callId);
    if (name === 'call:started' && rec?.ended) rec = undefined; // a reused id starts afresh
    if (!rec) {
      rec = new CallRecord(callId);
      rec.firstSeenAt = this.d.now();
      this.records.set(callId, rec);
      this.evict();
    }
    rec.lastEventAt = this.d.now();
    const bargeInsBefore = rec.turns.otherBargeIns;
    const turn = rec.apply(name, payload);
    if (name === 'call:started') rec.fileId = fileIdOf(rec.started?.recordingPath ?? null);
    if (turn || rec.turns.otherBargeIns !== bargeInsBefore) this.d.events.emit('calls:turn', { callId, turn: turn ? { ...turn } : null, summary: rec.turns.summary() });
    if (name === 'call:started') this.d.events.emit('calls:changed', { reason: 'started' });
    if (name === 'call:ended') void this.finish(rec);
  }

  private async finish(rec: CallRecord): Promise<void> {
    // Replays and watched campaign calls are shown live, never saved.
    const isReplay = rec.started?.source === 'replay' || rec.started?.source === 'campaign' || this.d.isReplay(rec.callId);
    const id = rec.fileId ?? rec.callId;
    try {
      if (!isReplay && isSafe(id)) {
        await fs.promises.mkdir(this.d.disk.ownDir, { recursive: true });
        await fs.promises.writeFile(this.d.disk.liveSummary(id), JSON.stringify(summaryOf(rec)));
      }
    } catch (e) {
      this.d.logger.warn('calls.summary_write_failed', { callId: rec.callId, error: e instanceof Error ? e.message : String(e) });
    }
    // The endpoint closed its log file before it sent call:ended: the file has every entry now.
    if (!isReplay && rec.fileId) rec.releaseLog();
    this.d.events.emit('calls:changed', { reason: 'ended' });
  }

  private evict(): void {
    const keep = this.d.keepInMemory ?? 20;
    if (this.records.size <= keep) return;
    const ended = [...this.records.values()].filter((r) => r.ended).sort((a, b) => a.lastEventAt - b.lastEventAt);
    for (const r of ended.slice(0, this.records.size - keep)) this.records.delete(r.callId);
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

/** `<dir>/<id>.wav` → `<id>`: the name of the call's files (a reused call_id gets `<id>~2`…). */
function fileIdOf(recordingPath: string | null): string | null {
  if (!recordingPath) return null;
  const id = path.basename(recordingPath).replace(/\.wav$/, '');
  return isSafe(id) ? id : null;
}

function isSafe(id: string): boolean {
  try {
    safe(id);
    return true;
  } catch {
    return false;
  }
}

export function summaryOf(rec: CallRecord, logCount = rec.log.length): OwnSummary {
  const s = rec.started;
  return ownSummarySchema.parse({
    callId: rec.fileId ?? rec.callId,
    source: s?.source ?? 'endpoint',
    startedAt: s?.startedAt ?? rec.firstSeenAt,
    endedAt: rec.ended?.endedAt ?? null,
    legs: s?.legs ?? [],
    channel: s?.channel ?? null,
    tenant: s?.tenant ?? null,
    reason: rec.ended?.reason ?? null,
    turns: rec.turns.summary(),
    turnList: rec.turns.turns.slice(-MAX_SUMMARY_TURNS),
    otherBargeIns: rec.turns.otherBargeIns,
    logCount,
    recordings: [],
    botOutVoice: rec.voice
      .filter((v) => v.leg === 'botOut')
      .slice(0, MAX_BOT_OUT_VOICE)
      .map(({ speaking, t, at }) => ({ speaking, t, at })),
  });
}
