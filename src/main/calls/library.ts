// The call library: past calls found in the recordings folder (endpoint, simulator, imported files),
// merged by call id with what is in memory, plus create-stream history. A second connection with
// the same call_id (`<id>~2`) and an imported copy (`<id>~imported`) are entries of their own.
import { callIdSchema, type CallProblem, type CallSummary, type RecordingRef, type TurnSummary } from '../../shared/contract/calls';
import { AppError } from '../../shared/errors';
import type { CallRecord } from './call-record';
import { summariseTurns } from '../../shared/calls/turn-summary';
import { CallsDisk, checkWav, fileSize, metaFileSchema, ownSummarySchema, readJson, readMetaFile, type OwnSummary } from './disk';

export interface HistoryItem {
  callId: string | null;
  at?: number | undefined;
  request: unknown;
  response: unknown;
}

type Source = CallSummary['sources'][number];

function draft(callId: string): CallSummary {
  return {
    callId,
    sources: [],
    startedAt: null,
    endedAt: null,
    durationMs: null,
    legs: [],
    channel: null,
    tenant: null,
    reason: null,
    live: false,
    turns: summariseTurns([]),
    recordings: [],
    hasLog: false,
    replayable: false,
    problems: [],
  };
}

export class Library {
  constructor(
    private readonly disk: CallsDisk,
    private readonly history?: () => Promise<HistoryItem[]>,
  ) {}

  async list(records: readonly CallRecord[], opts: { includeReplays?: boolean } = {}): Promise<CallSummary[]> {
    const map = new Map<string, CallSummary>();
    const get = (id: string) => {
      let d = map.get(id);
      if (!d) map.set(id, (d = draft(id)));
      return d;
    };
    const addSource = (d: CallSummary, s: Source) => {
      if (!d.sources.includes(s)) d.sources.push(s);
    };
    const addRecording = (d: CallSummary, r: RecordingRef) => {
      if (!d.recordings.some((x) => x.id === r.id)) d.recordings.push(r);
    };
    const mergeMeta = (d: CallSummary, raw: unknown) => {
      const m = metaFileSchema.safeParse(raw);
      if (!m.success) return;
      d.startedAt ??= m.data.startedAt ?? null;
      d.endedAt ??= m.data.endedAt ?? null;
      if (!d.legs.length && m.data.legs) d.legs = m.data.legs;
      d.channel ??= m.data.channel ?? null;
      d.tenant ??= m.data.tenant ?? null;
      d.reason ??= m.data.reason ?? null;
      d.quality ??= m.data.stats ?? null;
    };

    const addProblem = (d: CallSummary, p: CallProblem) => {
      if (!d.problems.some((x) => x.part === p.part && x.recordingId === p.recordingId)) d.problems.push(p);
    };
    const readMeta = async (d: CallSummary, file: string) => {
      const m = await readMetaFile(file);
      if (m && 'problem' in m) addProblem(d, { part: 'meta', ...m.problem });
      else if (m) mergeMeta(d, m.meta);
    };
    // A recording is listed only when its header can be read: a damaged one is a problem, never audio to play.
    const readWav = async (d: CallSummary, id: RecordingRef['id'], file: string, kind?: string) => {
      const w = await checkWav(file);
      if (w && 'problem' in w) addProblem(d, { part: 'recording', recordingId: id, ...w.problem });
      else if (w) addRecording(d, { id, kind: kind ?? (w.channels === 2 ? 'stereo' : 'mono'), size: w.size });
    };

    for (const id of await this.disk.idsIn(this.disk.recordingsDir, '.meta.json')) {
      const d = get(id);
      addSource(d, 'endpoint');
      await readMeta(d, this.disk.endpointMeta(id));
      await readWav(d, 'endpoint', this.disk.endpointWav(id));
      if ((await fileSize(this.disk.endpointEvents(id))) !== null) d.hasLog = true;
    }
    for (const id of await this.disk.idsIn(this.disk.simulatorDir, '.meta.json')) {
      const d = get(id);
      addSource(d, 'simulator');
      await readMeta(d, this.disk.simulatorMeta(id));
      await readWav(d, 'sim-full', this.disk.simulatorFullWav(id), 'stereo');
      await readWav(d, 'sim-mono', this.disk.simulatorMonoWav(id), 'mono');
    }
    // Turn latency measured while the call was live (the only fact the calls domain writes itself).
    for (const id of await this.disk.idsIn(this.disk.ownDir, '.summary.json')) {
      const s = ownSummarySchema.safeParse(await readJson(this.disk.liveSummary(id)));
      if (!s.success || !map.has(id)) continue;
      const d = get(id);
      mergeMeta(d, s.data);
      d.turns = turnsOf(s.data);
    }
    for (const id of await this.disk.idsIn(this.disk.importedDir, '.summary.json')) {
      const s = ownSummarySchema.safeParse(await readJson(this.disk.importedSummary(id)));
      if (!s.success) continue;
      const d = get(id);
      addSource(d, 'imported');
      mergeMeta(d, s.data);
      d.turns = turnsOf(s.data);
      d.hasLog = true;
      d.replayable = true;
      s.data.recordings.forEach((r, i) => addRecording(d, { id: `imported-${i}`, kind: r.kind, size: r.size }));
    }
    for (const r of records) {
      if (!r.started || r.started.source === 'campaign' || (r.started.source === 'replay' && !opts.includeReplays)) continue;
      const d = get(r.fileId ?? r.callId);
      addSource(d, r.started.source);
      d.startedAt = r.started.startedAt;
      d.legs = r.started.legs;
      d.channel = r.started.channel;
      d.tenant = r.started.tenant;
      d.live = !r.ended;
      // A call still running has its facts in memory; its meta file may be caught half-written.
      if (d.live) d.problems = d.problems.filter((p) => p.part !== 'meta');
      d.endedAt = r.ended?.endedAt ?? d.endedAt;
      d.reason = r.ended?.reason ?? d.reason;
      d.quality = r.ended?.stats ?? d.quality ?? null;
      d.turns = r.turns.summary();
      d.hasLog ||= !r.logReleased;
    }
    for (const h of await this.historyItems()) {
      if (!h.callId || !callIdSchema.safeParse(h.callId).success) continue;
      const d = get(h.callId);
      addSource(d, 'request');
      d.startedAt ??= h.at ?? null;
    }
    for (const d of map.values()) {
      // A replay is rebuilt from the call log and the recording (call-parts.ts).
      if (d.recordings.length > 0 || d.hasLog) d.replayable = true;
      d.durationMs = d.startedAt !== null && d.endedAt !== null ? Math.max(0, d.endedAt - d.startedAt) : null;
    }
    return [...map.values()].sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  }

  async historyFor(callId: string): Promise<HistoryItem | null> {
    return (await this.historyItems()).find((h) => h.callId === callId) ?? null;
  }

  private async historyItems(): Promise<HistoryItem[]> {
    if (!this.history) return [];
    try {
      return await this.history();
    } catch {
      return [];
    }
  }

  /** The file behind a recording id; ids are fixed words, never paths from the caller. */
  recordingFile(callId: string, recordingId: string): string {
    switch (recordingId) {
      case 'endpoint':
        return this.disk.endpointWav(callId);
      case 'sim-full':
        return this.disk.simulatorFullWav(callId);
      case 'sim-mono':
        return this.disk.simulatorMonoWav(callId);
      default:
        throw new AppError('CALL_RECORDING_NOT_FOUND', `field 'recordingId': expected 'endpoint', 'sim-full' or 'sim-mono', got '${recordingId}'`, 'recordingId');
    }
  }

  /** The endpoint's and simulator's meta files, included as-is in an export. */
  async metaFiles(callId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [k, f] of [
      ['endpoint', this.disk.endpointMeta(callId)],
      ['simulator', this.disk.simulatorMeta(callId)],
    ] as const) {
      const v = await readJson(f);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
}

/** A summary file's turn figures with the live view's definition (files written before the turns were
 *  kept in them show their figures as written). */
function turnsOf(s: OwnSummary): TurnSummary {
  return s.turnList ? summariseTurns(s.turnList, s.otherBargeIns ?? 0) : s.turns;
}
