// A call's file set in the recordings folder: `<base>.meta.json`, `<base>.events.jsonl`, `<base>.wav`.
// The set is reserved when the connection's first valid frame arrives, by creating the meta file
// exclusively (`wx`): `<call_id>` normally, `<call_id>~2`, `~3`… when a connection with the same
// call_id already holds it (PSR reconnecting, a retry). So every connection has its own files and
// none can truncate or rewrite another's; a connection that never sends a valid frame has none.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SAFE_ID = /[^A-Za-z0-9._-]/g;
/** How many connections may share one call_id before the reservation gives up. */
export const MAX_SAME_CALL_ID = 1000;

/** A call id usable as a file name: PSR's ids are UUIDs; anything else is made safe, never trusted as a path. */
export function fileSafeCallId(raw: string | null): string {
  const cleaned = (raw ?? '').replace(SAFE_ID, '_').replace(/^[._-]+/, '').replace(/\.\.+/g, '_').slice(0, 100);
  return cleaned.length > 0 ? cleaned : `no-call-id-${randomUUID()}`;
}

export interface CallFiles {
  /** `<call_id>` or `<call_id>~N`: the id this connection is known by in the library. */
  readonly base: string;
  readonly metaPath: string;
  readonly eventsPath: string;
  readonly recordingPath: string;
}

export function callFilesAt(dir: string, base: string): CallFiles {
  return {
    base,
    metaPath: path.join(dir, `${base}.meta.json`),
    eventsPath: path.join(dir, `${base}.events.jsonl`),
    recordingPath: path.join(dir, `${base}.wav`),
  };
}

/**
 * Reserve a file set for `callId` and write `firstMeta` into its meta file. Atomic across
 * connections and processes: the exclusive create decides who owns a base. A base whose
 * recording or log exists without a meta (left by something else) is skipped, never reused.
 */
export function reserveCallFiles(dir: string, callId: string, firstMeta: (files: CallFiles) => string): CallFiles {
  fs.mkdirSync(dir, { recursive: true });
  for (let n = 1; n <= MAX_SAME_CALL_ID; n++) {
    const files = callFilesAt(dir, n === 1 ? callId : `${callId}~${n}`);
    let fd: number;
    try {
      fd = fs.openSync(files.metaPath, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    if (fs.existsSync(files.recordingPath) || fs.existsSync(files.eventsPath)) {
      fs.closeSync(fd);
      fs.unlinkSync(files.metaPath);
      continue;
    }
    try {
      fs.writeSync(fd, firstMeta(files));
    } finally {
      fs.closeSync(fd);
    }
    return files;
  }
  throw new Error(`more than ${MAX_SAME_CALL_ID} connections used call_id ${callId}`);
}

/** Rewrite the meta file whole: write-then-rename, so a reader never sees half a file. */
export async function rewriteMeta(files: CallFiles, text: string): Promise<void> {
  const tmp = `${files.metaPath}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, text, { mode: 0o600 });
  await fs.promises.rename(tmp, files.metaPath);
}
