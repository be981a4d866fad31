// Where the calls domain finds and keeps files under the recordings folder:
//   <rec>/<id>.meta.json, <id>.events.jsonl, <id>.wav            written by the endpoint (id may be <call_id>~2…)
//   <rec>/simulator/<id>.meta.json, full_<id>.wav, <id>.wav       written by the simulator
//   <rec>/calls/<id>.summary.json                                  ours: turn latency measured live (the only fact we own)
//   <rec>/calls/imported/<id>.bundle.json, <id>.summary.json       ours: imported calls (id <call_id>~imported…)
// The endpoint's and simulator's files are only read here, never rewritten.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { callIdSchema, turnSchema, turnSummarySchema, type CallProblem } from '../../shared/contract/calls';
import { callMetaReadSchema, type CallMetaRead } from '../../shared/call-log';
import { channelLayoutSchema, legSchema } from '../../shared/contract/live';
import { AppError, isAppError, type ErrorParams, type KnownErrorCode } from '../../shared/errors';
import { readWavLayout } from '../audio/wav';
import { WAV_HEADER_BYTES } from '../audio/wav-recorder';

export class CallsDisk {
  constructor(readonly recordingsDir: string) {}

  get simulatorDir(): string {
    return path.join(this.recordingsDir, 'simulator');
  }
  get ownDir(): string {
    return path.join(this.recordingsDir, 'calls');
  }
  get importedDir(): string {
    return path.join(this.ownDir, 'imported');
  }

  endpointMeta(id: string) {
    return path.join(this.recordingsDir, `${safe(id)}.meta.json`);
  }
  endpointEvents(id: string) {
    return path.join(this.recordingsDir, `${safe(id)}.events.jsonl`);
  }
  endpointWav(id: string) {
    return path.join(this.recordingsDir, `${safe(id)}.wav`);
  }
  simulatorMeta(id: string) {
    return path.join(this.simulatorDir, `${safe(id)}.meta.json`);
  }
  simulatorFullWav(id: string) {
    return path.join(this.simulatorDir, `full_${safe(id)}.wav`);
  }
  simulatorMonoWav(id: string) {
    return path.join(this.simulatorDir, `${safe(id)}.wav`);
  }
  /** Older versions kept a second copy of every live event here; deleted with the call. */
  legacyLiveLines(id: string) {
    return path.join(this.ownDir, `${safe(id)}.live.jsonl`);
  }
  liveSummary(id: string) {
    return path.join(this.ownDir, `${safe(id)}.summary.json`);
  }
  importedBundle(id: string) {
    return path.join(this.importedDir, `${safe(id)}.bundle.json`);
  }
  importedSummary(id: string) {
    return path.join(this.importedDir, `${safe(id)}.summary.json`);
  }

  /** Every file that belongs to a call, for delete. */
  allFiles(id: string): string[] {
    return [
      this.endpointMeta(id),
      this.endpointEvents(id),
      this.endpointWav(id),
      this.simulatorMeta(id),
      this.simulatorFullWav(id),
      this.simulatorMonoWav(id),
      this.legacyLiveLines(id),
      this.liveSummary(id),
      this.importedBundle(id),
      this.importedSummary(id),
    ];
  }

  /** Call ids found by file name suffix in a folder (missing folder: none). Only regular files count:
   *  a folder or a pipe named like a call file is no call. */
  async idsIn(dir: string, suffix: string, prefix = ''): Promise<string[]> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const ids: string[] = [];
    for (const e of entries) {
      const n = e.name;
      if (!n.endsWith(suffix) || !n.startsWith(prefix)) continue;
      const id = n.slice(prefix.length, n.length - suffix.length);
      if (!callIdSchema.safeParse(id).success) continue;
      // A symbolic link counts when it leads to a regular file.
      if (e.isFile() || (e.isSymbolicLink() && (await regularFile(path.join(dir, n))))) ids.push(id);
    }
    return ids;
  }
}

/** A call id is used in file names: refuse anything that could leave the folder. */
export function safe(id: string): string {
  if (!callIdSchema.safeParse(id).success) throw new AppError('CALL_ID_INVALID', `field 'callId': expected a call id (letters, digits, . _ -), got ${JSON.stringify(id).slice(0, 60)}`, 'callId', { got: String(JSON.stringify(id)).slice(0, 60) });
  return id;
}

/** Meta files of the endpoint and the simulator, read leniently (one schema with the writer's: src/shared/call-log). */
export const metaFileSchema = callMetaReadSchema;
export type MetaFile = CallMetaRead;

/** The facts every stored form of a call repeats (summary file, export bundle). */
export const callFactsSchema = z.object({
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  legs: z.array(legSchema),
  channel: channelLayoutSchema.nullable(),
  tenant: z.string().nullable(),
  reason: z.string().nullable(),
});

/** Turns kept in a call's summary file (a turn every few seconds for hours). */
export const MAX_SUMMARY_TURNS = 5_000;

/** Voice changes of the Bot out lane kept per call (a change every 300 ms for over an hour). */
export const MAX_BOT_OUT_VOICE = 12_000;

/** What we write when a call ends (and on import), so listing the library does not parse whole logs. */
export const ownSummarySchema = callFactsSchema.extend({
  callId: z.string(),
  source: z.string(),
  turns: turnSummarySchema,
  /** The turns themselves and the barge-ins outside turns: the library derives `turns` from them with
   *  the live view's definition. Absent in files written before they were kept. */
  turnList: z.array(turnSchema).max(MAX_SUMMARY_TURNS).optional(),
  otherBargeIns: z.number().int().nonnegative().optional(),
  logCount: z.number().int(),
  recordings: z.array(z.object({ kind: z.string(), size: z.number().int() })).default([]),
  /** Speech on the "Bot out" lane (tap mode, actions): not in the recording, so kept here. */
  botOutVoice: z.array(z.object({ speaking: z.boolean(), t: z.number(), at: z.number() })).max(MAX_BOT_OUT_VOICE).default([]),
});
export type OwnSummary = z.infer<typeof ownSummarySchema>;

/** A regular file's stats (links followed); null when it is missing, cannot be read, or is a folder, pipe or device. */
export async function regularFile(file: string): Promise<fs.Stats | null> {
  try {
    const st = await fs.promises.stat(file);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/** A JSON file's value; undefined when it is missing, not a regular file or not JSON. */
export async function readJson(file: string): Promise<unknown> {
  if (!(await regularFile(file))) return undefined;
  try {
    return JSON.parse(await fs.promises.readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A regular file's size; null when it is missing or not a regular file. */
export async function fileSize(file: string): Promise<number | null> {
  return (await regularFile(file))?.size ?? null;
}

/** A regular file's bytes; null when it is missing, not a regular file or cannot be read. */
export async function readCallFile(file: string): Promise<Buffer | null> {
  if (!(await regularFile(file))) return null;
  try {
    return await fs.promises.readFile(file);
  } catch {
    return null;
  }
}

/** A meta file read: its facts, or why it cannot be used. */
export type MetaRead = { meta: MetaFile } | { problem: Omit<CallProblem, 'part'> };

/** A call's meta file (endpoint or simulator); null when there is none (or it is not a regular file). */
export async function readMetaFile(file: string): Promise<MetaRead | null> {
  if (!(await regularFile(file))) return null;
  const name = path.basename(file);
  const problem = (context: string, what: string): MetaRead => ({
    problem: { code: 'CALL_META_UNREADABLE', message: `${name}: expected the call's meta file (JSON with its callId), ${what}`, params: { context, file: name } },
  });
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    return problem('unreadable', `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.trim() === '') return problem('empty', 'got an empty file');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return problem('notJson', 'got text that is not JSON');
  }
  const m = metaFileSchema.safeParse(raw);
  return m.success ? { meta: m.data } : problem('notMeta', 'got JSON without a callId');
}

/** A recording as the library sees it: playable (its channels from the header, null when not judged), or damaged and why. */
export type WavCheck = { size: number; channels: number | null } | { problem: Omit<CallProblem, 'part'> };

/** Bytes read from the start of a recording to check it: the 44-byte header of our files and then some. */
const WAV_HEAD_BYTES = 4096;
/** Reader failures that may only mean a chunk runs past the bytes read (a foreign WAV with a long chunk first). */
const PAST_HEAD = new Set(['WAV_NO_FMT', 'WAV_NO_DATA', 'WAV_TRUNCATED']);

/**
 * Check a recording's header with the one WAV reader (src/main/audio/wav.ts). Null when there is no
 * regular file; a problem coded as the reader codes it when the file is shorter than a header, is not
 * a WAV, or its fmt chunk has zero channels, rate or block size.
 */
export async function checkWav(file: string): Promise<WavCheck | null> {
  const st = await regularFile(file);
  if (!st) return null;
  const name = path.basename(file);
  const problem = (code: KnownErrorCode, what: string, params: ErrorParams = {}): WavCheck => ({ problem: { code, message: `${name}: ${what}`, params } });
  let head: Buffer;
  try {
    const fh = await fs.promises.open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(st.size, WAV_HEAD_BYTES));
      head = buf.subarray(0, (await fh.read(buf, 0, buf.length, 0)).bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    return problem('WAV_CORRUPT', `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (head.length === 0) return problem('WAV_EMPTY', 'expected a WAV file with audio, got an empty file');
  const riff = head.toString('latin1', 0, Math.min(4, head.length));
  if (!'RIFF'.startsWith(riff)) return problem('WAV_CORRUPT', 'expected a WAV file starting with RIFF…WAVE');
  if (head.length < WAV_HEADER_BYTES) return problem('WAV_TRUNCATED', `the file ends after ${head.length} bytes, inside the ${WAV_HEADER_BYTES}-byte header`, { bytes: head.length });
  const zeroFmt = () => problem('WAV_CORRUPT', 'its fmt chunk has zero channels, rate or block size', { context: 'zeroFmt' });
  let channels: number;
  try {
    channels = readWavLayout(head).channels;
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (head.length < st.size && PAST_HEAD.has(e.code)) return { size: st.size, channels: null };
    if (e.code === 'WAV_NOT_WAV') return problem('WAV_CORRUPT', e.message);
    if (e.params?.context === 'channels' && e.params.channels === 0) return zeroFmt();
    if (e.params?.context === 'rate' && e.params.sampleRate === 0) return zeroFmt();
    return problem(e.code, e.message, e.params);
  }
  // Our header keeps the fmt chunk at byte 12: its block size (bytes per sample frame) must not be 0.
  if (head.toString('latin1', 12, 16) === 'fmt ' && head.readUInt16LE(32) === 0) return zeroFmt();
  return { size: st.size, channels };
}
