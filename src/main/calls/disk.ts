// Where the calls domain finds and keeps files under the recordings folder:
//   <rec>/<id>.meta.json, <id>.events.jsonl, <id>.wav            written by the endpoint (id may be <call_id>~2…)
//   <rec>/simulator/<id>.meta.json, full_<id>.wav, <id>.wav       written by the simulator
//   <rec>/calls/<id>.summary.json                                  ours: turn latency measured live (the only fact we own)
//   <rec>/calls/imported/<id>.bundle.json, <id>.summary.json       ours: imported calls (id <call_id>~imported…)
// The endpoint's and simulator's files are only read here, never rewritten.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { callIdSchema, turnSchema, turnSummarySchema } from '../../shared/contract/calls';
import { callMetaReadSchema, type CallMetaRead } from '../../shared/call-log';
import { channelLayoutSchema, legSchema } from '../../shared/contract/live';
import { AppError } from '../../shared/errors';

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

  /** Call ids found by file name suffix in a folder (missing folder: none). */
  async idsIn(dir: string, suffix: string, prefix = ''): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith(suffix) && n.startsWith(prefix))
      .map((n) => n.slice(prefix.length, n.length - suffix.length))
      .filter((id) => callIdSchema.safeParse(id).success);
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

export async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.promises.readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export async function fileSize(file: string): Promise<number | null> {
  try {
    return (await fs.promises.stat(file)).size;
  } catch {
    return null;
  }
}

/** Channels of a WAV file from its header (null when unreadable); enough to label a recording. */
export async function wavChannels(file: string): Promise<number | null> {
  try {
    const fh = await fs.promises.open(file, 'r');
    try {
      const buf = Buffer.alloc(24);
      await fh.read(buf, 0, 24, 0);
      if (buf.toString('ascii', 0, 4) !== 'RIFF') return null;
      return buf.readUInt16LE(22);
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
}
