// Calls a previous run never ended: the process was killed or the machine stopped mid-call, so the
// meta file kept `endedAt: null` and `reason: null`. When the endpoint starts on a recordings folder,
// each such call that is not running in this process gets an end: `endedAt` from the last write of
// its recording or log (never earlier than its start plus the recording's audio), `reason:
// 'interrupted'`, `stats` left null (what was measured died with the process). The meta is written
// as every meta rewrite is: checked by the writer's schema, then written to a temporary file and
// renamed over the old one.
import fs from 'node:fs';
import path from 'node:path';
import { callMetaSchema, type CallMeta } from '../../shared/call-log';
import { wavAudioMs } from '../audio/wav-recorder';
import { callFilesAt, rewriteMeta, type CallFiles } from './call-files';

/** The end reason of a call whose process stopped before the call ended. */
export const INTERRUPTED_REASON = 'interrupted';

const META_SUFFIX = '.meta.json';

export interface InterruptedCalls {
  /** Ids (file names) of the calls given an end. */
  ended: string[];
  /** Calls whose meta could not be rewritten, with the error. */
  failed: Array<{ callId: string; error: string }>;
}

/** Give an end to every call in `dir` whose meta has none and that `isLive` does not claim. */
export async function endInterruptedCalls(dir: string, isLive: (callId: string) => boolean): Promise<InterruptedCalls> {
  const out: InterruptedCalls = { ended: [], failed: [] };
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    // The endpoint writes its meta files as regular files; anything else named like one is not its.
    if (!e.isFile() || !e.name.endsWith(META_SUFFIX)) continue;
    const callId = e.name.slice(0, -META_SUFFIX.length);
    if (!callId || isLive(callId)) continue;
    const files = callFilesAt(dir, callId);
    const meta = await readEndpointMeta(files.metaPath);
    if (!meta || meta.endedAt !== null) continue;
    try {
      const ended = callMetaSchema.parse(await withEnd(meta, files));
      await rewriteMeta(files, JSON.stringify(ended, null, 2));
      out.ended.push(callId);
    } catch (err) {
      out.failed.push({ callId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** A meta file the endpoint wrote (its own schema); null for anything else, damaged or foreign. */
async function readEndpointMeta(file: string): Promise<CallMeta | null> {
  try {
    const parsed = callMetaSchema.safeParse(JSON.parse(await fs.promises.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function regularFile(file: string): Promise<fs.Stats | null> {
  try {
    const st = await fs.promises.stat(file);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

async function withEnd(meta: CallMeta, files: CallFiles): Promise<CallMeta> {
  const wav = await regularFile(files.recordingPath);
  const log = await regularFile(files.eventsPath);
  const audioMs = wav ? await wavAudioMs(files.recordingPath) : null;
  const endedAt = Math.round(Math.max(meta.startedAt + (audioMs ?? 0), wav?.mtimeMs ?? 0, log?.mtimeMs ?? 0));
  return { ...meta, endedAt, reason: INTERRUPTED_REASON, recording: wav ? path.basename(files.recordingPath) : null };
}
