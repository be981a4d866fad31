// The calls domain: listens to every call:* event, keeps each call's full log in memory (paged to the
// renderer on demand), measures turn latency, records live events for replay, and serves the library.
import fs from 'node:fs';
import type { EventName } from '../../shared/contract';
import type { CallDetail, CallSummary, LiveCall, LogPage, LogRows } from '../../shared/contract/calls';
import type { CallStarted, Leg } from '../../shared/contract/live';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { Logger } from '../logger';
import { requestNumbers } from '../../shared/mask';
import { bundleSchema, linesOf, serialiseBundle, type Bundle } from './bundle';
import { CallRecord, isLiveEventName, type LiveLine, type LogQuery } from './call-record';
import { CallsDisk, ownSummarySchema, readJson, safe, type OwnSummary } from './disk';
import { Library, type HistoryItem } from './library';
import { LiveLineWriter, parseLiveLine, readEndpointLog, readLiveLines } from './live-lines';
import { Replay } from './replay';
import { interleavedPcm, linesFromWav } from './wav-replay';

export interface CallsServiceDeps {
  recordingsDir: string;
  events: EventBus;
  logger: Logger;
  now: () => number;
  /** Every token known to the app, scrubbed from exports. */
  secrets: () => string[];
  /** Presenter mode: exports mask the call's phone numbers and extensions too. */
  presenter?: () => boolean;
  /** Create-stream history (request without token, response), when the psr domain offers it. */
  history?: () => Promise<HistoryItem[]>;
  /** How many ended calls stay in memory (their logs are on disk anyway). */
  keepInMemory?: number;
}

interface Loaded {
  record: CallRecord;
  lines: LiveLine[] | null;
}

export class CallsService {
  readonly disk: CallsDisk;
  private readonly records = new Map<string, CallRecord>();
  private readonly writers = new Map<string, LiveLineWriter>();
  private readonly replays = new Map<string, Replay>();
  private readonly loaded = new Map<string, Loaded>();
  private readonly library: Library;
  private replayCount = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly d: CallsServiceDeps) {
    this.disk = new CallsDisk(d.recordingsDir);
    fs.mkdirSync(this.disk.importedDir, { recursive: true });
    this.library = new Library(this.disk, d.history);
    this.unsubscribe = d.events.subscribe((name, payload) => this.onEvent(name, payload));
  }

  // ── live ────────────────────────────────────────────────────────────────────

  private onEvent(name: EventName, payload: unknown): void {
    if (!isLiveEventName(name)) return;
    const callId = (payload as { callId?: unknown }).callId;
    if (typeof callId !== 'string') return;
    try {
      this.applyLive(callId, name, payload);
    } catch (e) {
      // Bad input is logged and skipped; it never kills the call or the bus.
      this.d.logger.warn('calls.event_failed', { event: name, callId, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private applyLive(callId: string, name: LiveLine['e'], payload: unknown): void {
    let rec = this.records.get(callId);
    if (name === 'call:started' && rec?.ended) rec = undefined; // a reused id starts afresh
    if (!rec) {
      rec = new CallRecord(callId);
      rec.firstSeenAt = this.d.now();
      this.records.set(callId, rec);
      this.loaded.delete(callId);
      this.evict();
    }
    const now = this.d.now();
    rec.lastEventAt = now;
    const bargeInsBefore = rec.turns.otherBargeIns;
    const turn = rec.apply(name, payload);
    const isReplay = rec.started?.source === 'replay' || this.replays.has(callId);
    if (!isReplay && this.isPersistable(callId)) {
      let w = this.writers.get(callId);
      if (!w && !rec.ended) {
        fs.mkdirSync(this.disk.ownDir, { recursive: true });
        w = new LiveLineWriter(this.disk.liveLines(callId), this.d.logger);
        this.writers.set(callId, w);
      }
      w?.write({ w: Math.round((now - (rec.firstSeenAt ?? now)) * 10) / 10, e: name, p: payload });
    }
    if (turn || rec.turns.otherBargeIns !== bargeInsBefore) this.d.events.emit('calls:turn', { callId, turn: turn ? { ...turn } : null, summary: rec.turns.summary() });
    if (name === 'call:started') this.d.events.emit('calls:changed', { reason: 'started' });
    if (name === 'call:ended') void this.finish(rec, isReplay);
  }

  private isPersistable(callId: string): boolean {
    try {
      safe(callId);
      return true;
    } catch {
      return false;
    }
  }

  private async finish(rec: CallRecord, isReplay: boolean): Promise<void> {
    const w = this.writers.get(rec.callId);
    this.writers.delete(rec.callId);
    try {
      await w?.close();
      if (!isReplay && this.isPersistable(rec.callId)) {
        await fs.promises.writeFile(this.disk.liveSummary(rec.callId), JSON.stringify(summaryOf(rec)));
      }
    } catch (e) {
      this.d.logger.warn('calls.summary_write_failed', { callId: rec.callId, error: e instanceof Error ? e.message : String(e) });
    }
    this.d.events.emit('calls:changed', { reason: 'ended' });
  }

  private evict(): void {
    const keep = this.d.keepInMemory ?? 20;
    if (this.records.size <= keep) return;
    const ended = [...this.records.values()].filter((r) => r.ended).sort((a, b) => a.lastEventAt - b.lastEventAt);
    for (const r of ended.slice(0, this.records.size - keep)) this.records.delete(r.callId);
  }

  live(): LiveCall[] {
    return [...this.records.values()]
      .filter((r): r is CallRecord & { started: CallStarted } => r.started !== null)
      .sort((a, b) => b.started.startedAt - a.started.startedAt)
      .map((r) => ({ started: r.started, ended: r.ended !== null, endedAt: r.ended?.endedAt ?? null, reason: r.ended?.reason ?? null }));
  }

  // ── reading calls (memory first, then disk) ──────────────────────────────────

  private async load(callId: string): Promise<Loaded> {
    const mem = this.records.get(callId);
    if (mem) return { record: mem, lines: null };
    const cached = this.loaded.get(callId);
    if (cached) return cached;
    const result = await this.loadFromDisk(callId);
    this.loaded.set(callId, result);
    // A few loaded calls are enough: the library opens one at a time.
    while (this.loaded.size > 3) this.loaded.delete(this.loaded.keys().next().value!);
    return result;
  }

  /** Everything recorded about a call, read from disk (for export and replay, also of a live call). */
  private async loadFromDisk(callId: string): Promise<Loaded> {
    safe(callId);
    // A live call's writer may hold lines not yet on disk.
    await this.writers.get(callId)?.flush();
    let lines = await readLiveLines(this.disk.liveLines(callId), this.d.logger);
    if (!lines) {
      const bundle = await this.readBundle(callId);
      if (bundle) lines = linesOf(bundle).flatMap((l) => parseLiveLine(l) ?? []);
    }
    const record = new CallRecord(callId);
    if (lines) {
      for (const l of lines) record.apply(l.e, l.p);
    } else {
      const log = await readEndpointLog(this.disk.endpointEvents(callId));
      if (log) record.apply('call:log', { callId, entries: log });
    }
    return { record, lines };
  }

  private async readBundle(callId: string): Promise<Bundle | null> {
    const raw = await readJson(this.disk.importedBundle(callId));
    const parsed = bundleSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  async list(): Promise<CallSummary[]> {
    return this.library.list([...this.records.values()]);
  }

  private async summary(callId: string): Promise<CallSummary> {
    // Replays are not library entries, but the live view asks about them like any call.
    const all = await this.library.list([...this.records.values()], { includeReplays: true });
    const s = all.find((c) => c.callId === callId);
    if (!s) throw new AppError('CALL_NOT_FOUND', `field 'callId': expected a known call, got '${callId}'`, 'callId');
    return s;
  }

  async get(callId: string): Promise<CallDetail> {
    const summary = await this.summary(callId);
    const { record } = await this.load(callId);
    const hist = await this.library.historyFor(callId);
    const bundle = summary.sources.includes('imported') ? await this.readBundle(callId) : null;
    return {
      summary,
      started: record.started,
      actions: record.actions,
      voice: record.voice,
      turns: record.turns.turns,
      endT: record.audioEndT,
      request: hist?.request ?? bundle?.request ?? null,
      response: hist?.response ?? bundle?.response ?? null,
    };
  }

  async logPage(q: LogQuery & { callId: string }): Promise<LogPage> {
    const mem = this.records.get(q.callId);
    if (mem) return mem.logPage(q);
    await this.summary(q.callId);
    return (await this.load(q.callId)).record.logPage(q);
  }

  async logRows(q: LogQuery & { callId: string; expanded?: number[] | undefined }): Promise<LogRows> {
    const mem = this.records.get(q.callId);
    if (mem) return mem.logRows(q);
    await this.summary(q.callId);
    return (await this.load(q.callId)).record.logRows(q);
  }

  async recording(callId: string, recordingId: string): Promise<{ mime: string; base64: string; kind: string }> {
    const summary = await this.summary(callId);
    const ref = summary.recordings.find((r) => r.id === recordingId);
    if (!ref) throw new AppError('CALL_RECORDING_NOT_FOUND', `field 'recordingId': expected one of ${summary.recordings.map((r) => `'${r.id}'`).join(', ') || 'no recordings'}`, 'recordingId');
    if (recordingId.startsWith('imported-')) {
      const bundle = await this.readBundle(callId);
      const rec = bundle?.recordings[Number(recordingId.slice('imported-'.length))];
      if (!rec) throw new AppError('CALL_RECORDING_NOT_FOUND', `field 'recordingId': the imported file has no recording ${recordingId}`, 'recordingId');
      return { mime: 'audio/wav', base64: rec.base64, kind: rec.kind };
    }
    const file = this.library.recordingFile(callId, recordingId);
    const bytes = await fs.promises.readFile(file);
    return { mime: 'audio/wav', base64: bytes.toString('base64'), kind: ref.kind };
  }

  // ── export / import / delete ────────────────────────────────────────────────

  async export(callId: string): Promise<{ fileName: string; content: string }> {
    const summary = await this.summary(callId);
    const imported = summary.sources.includes('imported') ? await this.readBundle(callId) : null;
    const { record, lines } = await this.loadFromDisk(callId);
    const detail = await this.library.historyFor(callId);
    const recordings = imported
      ? imported.recordings
      : await Promise.all(
          summary.recordings.map(async (r) => ({
            kind: r.kind,
            name: r.id,
            base64: (await fs.promises.readFile(this.library.recordingFile(callId, r.id))).toString('base64'),
          })),
        );
    const bundle: Omit<Bundle, 'recordings'> = {
      format: 'psr-console-call',
      version: 1,
      exportedAt: this.d.now(),
      callId,
      summary: {
        startedAt: summary.startedAt,
        endedAt: summary.endedAt,
        legs: summary.legs,
        channel: summary.channel,
        tenant: summary.tenant,
        reason: summary.reason,
        sources: summary.sources,
      },
      meta: imported?.meta ?? (await this.library.metaFiles(callId)),
      request: detail?.request ?? imported?.request ?? null,
      response: detail?.response ?? imported?.response ?? null,
      lines: lines ?? (record.log.length ? [{ w: 0, e: 'call:log' as const, p: { callId, entries: record.log } }] : []),
    };
    return { fileName: `psr-call-${callId}.json`, content: serialiseBundle(bundle, recordings, this.d.secrets(), this.d.presenter?.() ? requestNumbers(bundle.request) : []) };
  }

  async import(content: string): Promise<{ callId: string }> {
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch {
      throw new AppError('CALL_IMPORT_INVALID', "field 'content': expected the JSON text of a file exported by PSR Console", 'content');
    }
    const parsed = bundleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'content';
      throw new AppError('CALL_IMPORT_INVALID', `field '${where}': expected a PSR Console call export (${issue?.message ?? 'invalid'})`, 'content');
    }
    const bundle = parsed.data;
    const callId = bundle.callId;
    const record = new CallRecord(callId);
    for (const raw of linesOf(bundle)) {
      const l = parseLiveLine(raw);
      if (l) record.apply(l.e, l.p);
    }
    const summary: OwnSummary = {
      ...summaryOf(record),
      source: 'imported',
      startedAt: bundle.summary.startedAt,
      endedAt: bundle.summary.endedAt,
      legs: bundle.summary.legs,
      channel: bundle.summary.channel,
      tenant: bundle.summary.tenant,
      reason: bundle.summary.reason,
      recordings: bundle.recordings.map((r) => ({ kind: r.kind, size: Math.floor((r.base64.length * 3) / 4) })),
    };
    await fs.promises.mkdir(this.disk.importedDir, { recursive: true });
    await fs.promises.writeFile(this.disk.importedBundle(callId), JSON.stringify(bundle));
    await fs.promises.writeFile(this.disk.importedSummary(callId), JSON.stringify(summary));
    this.loaded.delete(callId);
    this.d.events.emit('calls:changed', { reason: 'imported' });
    return { callId };
  }

  async delete(callId: string): Promise<void> {
    safe(callId);
    const mem = this.records.get(callId);
    if (mem && !mem.ended) throw new AppError('CALL_IS_LIVE', `field 'callId': expected a call that has ended; '${callId}' is still running`, 'callId');
    await this.summary(callId);
    await Promise.all(this.disk.allFiles(callId).map((f) => fs.promises.rm(f, { force: true })));
    this.records.delete(callId);
    this.loaded.delete(callId);
    this.d.events.emit('calls:changed', { reason: 'deleted' });
  }

  // ── replay ──────────────────────────────────────────────────────────────────

  async replay(callId: string, speed: number): Promise<{ replayCallId: string }> {
    const summary = await this.summary(callId);
    let { lines } = await this.loadFromDisk(callId);
    if (!lines || lines.length === 0) lines = await this.linesFromRecording(callId, summary);
    if (!lines || lines.length === 0) {
      throw new AppError('CALL_NOT_REPLAYABLE', `field 'callId': expected a call with recorded live events or a recording; '${callId}' has neither`, 'callId');
    }
    const audio = await this.replayAudio(callId, summary);
    this.replayCount++;
    const replayCallId = `${callId.slice(0, 100)}-replay-${this.replayCount}`;
    // Registered before the first event so the recorder never persists a replay.
    new Replay({
      replayCallId,
      lines: [...lines].sort((a, b) => a.w - b.w),
      fallbackStarted: { tenant: summary.tenant, query: {}, channel: summary.channel, legs: summary.legs },
      speed,
      events: this.d.events,
      logger: this.d.logger,
      now: this.d.now,
      onDone: () => this.replays.delete(replayCallId),
      register: (r) => this.replays.set(replayCallId, r),
      audio,
    });
    return { replayCallId };
  }

  /** Rebuild live events from the call's stereo recording when no live events were recorded. */
  private async linesFromRecording(callId: string, summary: CallSummary): Promise<LiveLine[] | null> {
    const ref = summary.recordings.find((r) => r.kind === 'stereo') ?? summary.recordings[0];
    if (!ref) return null;
    try {
      const { base64 } = await this.recording(callId, ref.id);
      return linesFromWav(Buffer.from(base64, 'base64'), callId, summary.startedAt ?? this.d.now(), summary.tenant);
    } catch (e) {
      this.d.logger.warn('calls.replay_from_wav_failed', { callId, error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  /** The stereo (or mono) recording as interleaved 8 kHz PCM, for listening to a replay. */
  private async replayAudio(callId: string, summary: CallSummary): Promise<{ pcm: Int16Array; legs: Leg[]; sampleRate: number } | null> {
    const ref = summary.recordings.find((r) => r.kind === 'stereo') ?? summary.recordings[0];
    if (!ref) return null;
    try {
      return interleavedPcm(Buffer.from((await this.recording(callId, ref.id)).base64, 'base64'));
    } catch {
      return null;
    }
  }

  /** Listening to a replay (the endpoint answers live:listen for real calls). Unknown ids are ignored. */
  setListening(callId: string, on: boolean): void {
    this.replays.get(callId)?.setListening(on);
  }

  stopReplay(replayCallId: string): void {
    const r = this.replays.get(replayCallId);
    if (!r) throw new AppError('REPLAY_NOT_FOUND', `field 'replayCallId': expected a running replay, got '${replayCallId}'`, 'replayCallId');
    r.stop();
  }

  async dispose(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const r of [...this.replays.values()]) r.stop();
    await Promise.all([...this.writers.values()].map((w) => w.close()));
    this.writers.clear();
  }
}

function summaryOf(rec: CallRecord): OwnSummary {
  const s = rec.started;
  return ownSummarySchema.parse({
    callId: rec.callId,
    source: s?.source ?? 'endpoint',
    startedAt: s?.startedAt ?? rec.firstSeenAt,
    endedAt: rec.ended?.endedAt ?? null,
    legs: s?.legs ?? [],
    channel: s?.channel ?? null,
    tenant: s?.tenant ?? null,
    reason: rec.ended?.reason ?? null,
    turns: rec.turns.summary(),
    logCount: rec.log.length,
    recordings: [],
  });
}
