// Reads a call's log file (written by the endpoint, format in src/shared/call-log) without ever
// rewriting it: one pass builds the index (byte offset of every line) and the entries as memory
// keeps them (large `json` cut to its head); a whole line is read back by its offset when asked.
import fs from 'node:fs';
import { inlineEntry, parseLogLine, type LogEntry } from '../../shared/call-log';
import { regularFile } from './disk';

export interface LogFileIndex {
  /** Entries in file order, `json` cut to INLINE_JSON_MAX. */
  entries: LogEntry[];
  /** Byte offset of each entry's line (same index as `entries`). */
  offsets: number[];
  /** Damaged lines skipped (a crash can leave half a line at the end). */
  bad: number;
}

/** Lines longer than this are skipped as damaged (the endpoint's hard frame limit is 8 MiB). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Read and index a log file; null when it does not exist, is not a regular file or cannot be read.
 * Entries are handed to `each` as read, when given.
 */
export async function indexLogFile(file: string, opts: { keepEntries?: boolean; full?: boolean; each?: (e: LogEntry) => void } = {}): Promise<LogFileIndex | null> {
  // A folder or a pipe named like a log is no log.
  if (!(await regularFile(file))) return null;
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const keep = opts.keepEntries ?? true;
  const out: LogFileIndex = { entries: [], offsets: [], bad: 0 };
  let parts: Buffer[] = [];
  let partLen = 0;
  let lineStart = 0;
  let pos = 0;
  const takeLine = (line: Buffer): void => {
    const start = lineStart;
    if (line.length === 0) return;
    const e = line.length > MAX_LINE_BYTES ? null : parseLogLine(line.toString('utf8'));
    if (!e) {
      out.bad++;
      return;
    }
    const kept = opts.full ? e : inlineEntry(e);
    opts.each?.(kept);
    if (keep) {
      out.entries.push(kept);
      out.offsets.push(start);
    }
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let from = 0;
      for (;;) {
        const nl = chunk.indexOf(10, from);
        if (nl < 0) break;
        const piece = chunk.subarray(from, nl);
        const line = partLen > 0 ? Buffer.concat([...parts, piece], partLen + piece.length) : piece;
        parts = [];
        partLen = 0;
        takeLine(line);
        lineStart = pos + nl + 1;
        from = nl + 1;
      }
      if (from < chunk.length) {
        // Half a line: kept until its newline arrives (bounded by MAX_LINE_BYTES).
        if (partLen <= MAX_LINE_BYTES) {
          parts.push(chunk.subarray(from));
          partLen += chunk.length - from;
        }
      }
      pos += chunk.length;
    }
  } catch {
    // Unreadable (gone, or replaced by a folder since the check): no log, as when it does not exist.
    return null;
  }
  // A last line without its newline is a write cut short: counted as damaged unless it parses.
  if (partLen > 0) takeLine(Buffer.concat(parts, partLen));
  return out;
}

/** The whole entry (uncut `json`) whose line starts at `offset`, or null. */
export async function readEntryAt(file: string, offset: number): Promise<LogEntry | null> {
  // A folder or a pipe named like a log is no log.
  if (!(await regularFile(file))) return null;
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, 'r');
  } catch {
    return null;
  }
  try {
    const parts: Buffer[] = [];
    let pos = offset;
    for (let total = 0; total < MAX_LINE_BYTES; ) {
      const buf = Buffer.allocUnsafe(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      if (nl >= 0) {
        parts.push(buf.subarray(0, nl));
        break;
      }
      parts.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
      total += bytesRead;
    }
    return parseLogLine(Buffer.concat(parts).toString('utf8'));
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}
