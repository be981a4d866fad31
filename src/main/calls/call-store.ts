// Reading stored calls: the library's summaries, one call's detail, its log in pages (from memory
// while live, from the endpoint's call log file after), whole log entries by their byte offset,
// recordings, and delete. Nothing here writes a call's files; delete removes one call's own files.
import fs from 'node:fs';
import type { CallDetail, CallSummary, LogPage, LogRows } from '../../shared/contract/calls';
import type { LogEntry } from '../../shared/contract/live';
import { AppError } from '../../shared/errors';
import { bundleSchema, type Bundle } from './bundle';
import type { CallRecord, LogQuery } from './call-record';
import { indexLogFile, readEntryAt } from './call-log-file';
import { factsFromMeta, recordOf, validLiveLine, type CallParts } from './call-parts';
import { checkWav, metaFileSchema, ownSummarySchema, readCallFile, readJson, safe, type CallsDisk } from './disk';
import type { Library } from './library';
import type { LiveCalls } from './live-calls';

/** A stored call read into memory: its record (log entries cut), where its log file is, the line offsets. */
export interface LoadedCall {
  record: CallRecord;
  parts: CallParts;
  logFile: string | null;
  offsets: number[];
}

/** How many stored calls stay loaded (the library opens one at a time). */
const LOADED_MAX = 3;

export class CallStore {
  private readonly loaded = new Map<string, LoadedCall>();

  constructor(
    readonly disk: CallsDisk,
    readonly library: Library,
    private readonly live: LiveCalls,
  ) {}

  async list(): Promise<CallSummary[]> {
    return this.library.list(this.live.all());
  }

  async summary(callId: string): Promise<CallSummary> {
    // Replays are not library entries, but the live view asks about them like any call.
    const all = await this.library.list(this.live.all(), { includeReplays: true });
    const s = all.find((c) => c.callId === callId);
    if (!s) throw new AppError('CALL_NOT_FOUND', `field 'callId': expected a known call, got '${callId}'`, 'callId');
    return s;
  }

  /** The live record while it still holds its log, else the call read from disk. */
  private async current(callId: string): Promise<CallRecord> {
    const mem = this.live.get(callId);
    if (mem && !mem.logReleased) return mem;
    await this.summary(callId);
    return (await this.load(callId)).record;
  }

  async load(callId: string): Promise<LoadedCall> {
    const cached = this.loaded.get(callId);
    if (cached) return cached;
    const result = await this.read(callId, false);
    this.loaded.set(callId, result);
    while (this.loaded.size > LOADED_MAX) this.loaded.delete(this.loaded.keys().next().value!);
    return result;
  }

  /** Forget what was read of a call (after delete or import). */
  drop(callId: string): void {
    this.loaded.delete(callId);
  }

  /** Everything stored about a call. `full`: log entries whole (for export), else cut as memory keeps them. */
  async read(callId: string, full: boolean): Promise<LoadedCall> {
    safe(callId);
    const bundle = await this.readBundle(callId);
    if (bundle) {
      const parts = partsOfBundle(bundle, callId);
      return { record: recordOf(parts), parts, logFile: null, offsets: [] };
    }
    const meta = metaFileSchema.safeParse(await readJson(this.disk.endpointMeta(callId)));
    const simMeta = meta.success ? null : metaFileSchema.safeParse(await readJson(this.disk.simulatorMeta(callId)));
    const facts = factsFromMeta(callId, meta.success ? meta.data : simMeta?.success ? simMeta.data : null, meta.success || !simMeta?.success ? 'endpoint' : 'simulator');
    const logFile = this.disk.endpointEvents(callId);
    const index = await indexLogFile(logFile, { full });
    const wav = (await readWav(this.disk.endpointWav(callId))) ?? (await readWav(this.disk.simulatorFullWav(callId))) ?? (await readWav(this.disk.simulatorMonoWav(callId)));
    const parts: CallParts = { callId, ...facts, entries: index?.entries ?? [], wav };
    const record = recordOf(parts);
    // The Bot out lane is not in the recording: its speech comes from the summary written at the end.
    const own = ownSummarySchema.safeParse(await readJson(this.disk.liveSummary(callId)));
    if (own.success && !record.voice.some((v) => v.leg === 'botOut')) {
      for (const v of own.data.botOutVoice) record.voice.push({ callId, leg: 'botOut', ...v });
    }
    // Keep no second copy of the audio: the record holds levels' results, not the samples.
    return { record, parts: full ? parts : { ...parts, wav: null }, logFile: index ? logFile : null, offsets: index?.offsets ?? [] };
  }

  async readBundle(callId: string): Promise<Bundle | null> {
    const raw = await readJson(this.disk.importedBundle(callId));
    if (raw === undefined) return null;
    const parsed = bundleSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  async get(callId: string): Promise<CallDetail> {
    const summary = await this.summary(callId);
    const mem = this.live.get(callId);
    const record = mem && !mem.logReleased ? mem : (await this.load(callId)).record;
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
    return (await this.current(q.callId)).logPage(q);
  }

  async logRows(q: LogQuery & { callId: string; expanded?: number[] | undefined }): Promise<LogRows> {
    return (await this.current(q.callId)).logRows(q);
  }

  /** One entry whole: memory cuts a large `json`, the call log file has it all. */
  async logEntry(callId: string, seq: number): Promise<LogEntry> {
    const mem = this.live.get(callId);
    const notFound = () => new AppError('CALL_LOG_ENTRY_NOT_FOUND', `field 'seq': expected the number of an entry in the log of '${callId}', got ${seq}`, 'seq');
    if (mem && !mem.logReleased) {
      const e = mem.log.find((x) => x.seq === seq);
      if (!e) throw notFound();
      if (e.jsonLength === undefined || !mem.fileId) return e;
      // A live call's cut entry: the endpoint is still writing its file; what it flushed holds it whole.
      let found: LogEntry | null = null;
      await indexLogFile(this.disk.endpointEvents(mem.fileId), {
        keepEntries: false,
        full: true,
        each: (x) => {
          if (x.seq === seq) found = x;
        },
      });
      return (found as LogEntry | null) ?? e;
    }
    await this.summary(callId);
    const loaded = await this.load(callId);
    const i = loaded.record.log.findIndex((x) => x.seq === seq);
    if (i < 0) throw notFound();
    const e = loaded.record.log[i]!;
    if (e.jsonLength === undefined) return e;
    if (loaded.logFile) return (await readEntryAt(loaded.logFile, loaded.offsets[i]!)) ?? e;
    const bundle = await this.readBundle(callId);
    return (bundle?.version === 2 ? bundle.log.find((x) => x.seq === seq) : undefined) ?? e;
  }

  async recording(callId: string, recordingId: string): Promise<{ bytes: Buffer; kind: string }> {
    const summary = await this.summary(callId);
    const ref = summary.recordings.find((r) => r.id === recordingId);
    if (!ref) throw new AppError('CALL_RECORDING_NOT_FOUND', `field 'recordingId': expected one of ${summary.recordings.map((r) => `'${r.id}'`).join(', ') || 'no recordings'}`, 'recordingId');
    if (recordingId.startsWith('imported-')) {
      const bundle = await this.readBundle(callId);
      const rec = bundle?.recordings[Number(recordingId.slice('imported-'.length))];
      if (!rec) throw new AppError('CALL_RECORDING_NOT_FOUND', `field 'recordingId': the imported file has no recording ${recordingId}`, 'recordingId');
      return { bytes: Buffer.from(rec.base64, 'base64'), kind: rec.kind };
    }
    return { bytes: await this.recordingBytes(callId, recordingId), kind: ref.kind };
  }

  /** A listed recording's bytes; gone or no longer a regular file since it was listed: CALL_RECORDING_NOT_FOUND. */
  async recordingBytes(callId: string, recordingId: string): Promise<Buffer> {
    const bytes = await readCallFile(this.library.recordingFile(callId, recordingId));
    if (!bytes) throw new AppError('CALL_RECORDING_NOT_FOUND', `field 'recordingId': the file of recording '${recordingId}' of '${callId}' can no longer be read`, 'recordingId');
    return bytes;
  }

  async delete(callId: string): Promise<void> {
    safe(callId);
    const mem = this.live.get(callId);
    if (mem && !mem.ended) throw new AppError('CALL_IS_LIVE', `field 'callId': expected a call that has ended; '${callId}' is still running`, 'callId');
    await this.summary(callId);
    // Only this id's files: `<id>~2` and `<id>~imported` are other entries with files of their own.
    await Promise.all(this.disk.allFiles(callId).map(removeFile));
    this.live.forget(callId);
    this.loaded.delete(callId);
  }
}

function partsOfBundle(bundle: Bundle, callId: string): CallParts {
  const started = {
    callId,
    source: 'endpoint' as const,
    startedAt: bundle.summary.startedAt ?? 0,
    tenant: bundle.summary.tenant,
    query: {},
    channel: bundle.summary.channel,
    legs: bundle.summary.legs,
    recordingPath: null,
  };
  if (bundle.version === 1) {
    const legacyLines = bundle.lines.flatMap((l) => validLiveLine(l) ?? []).map((l) => ({ ...l, p: { ...(l.p as object), callId } }));
    return { callId, started: null, ended: null, entries: [], wav: null, legacyLines };
  }
  const facts = factsFromMeta(callId, { ...bundle.summary, callId });
  const rec = bundle.recordings.find((r) => r.kind === 'stereo') ?? bundle.recordings[0];
  return { callId, started: facts.started ?? started, ended: facts.ended, entries: bundle.log, wav: rec ? Buffer.from(rec.base64, 'base64') : null };
}

/** A recording's bytes when its header can be read (a damaged one gives no levels, only errors). */
async function readWav(file: string): Promise<Buffer | null> {
  const w = await checkWav(file);
  return w && !('problem' in w) ? readCallFile(file) : null;
}

/** Delete one of a call's files: a regular file or a link, never a folder (or pipe) that happens to have its name. */
async function removeFile(file: string): Promise<void> {
  const st = await fs.promises.lstat(file).catch(() => null);
  if (st && (st.isFile() || st.isSymbolicLink())) await fs.promises.rm(file, { force: true });
}
