// The calls domain's own record of a call: every live event as one JSON line, so the full log can be
// paged after the call and the call can be replayed exactly as it was seen.
import fs from 'node:fs';
import readline from 'node:readline';
import { contract } from '../../shared/contract';
import type { LogEntry } from '../../shared/contract/live';
import { logEntrySchema } from '../../shared/contract/live';
import type { Logger } from '../logger';
import { isLiveEventName, type LiveLine } from './call-record';

export class LiveLineWriter {
  private readonly stream: fs.WriteStream;
  private failed = false;

  constructor(file: string, logger: Logger) {
    this.stream = fs.createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (e) => {
      // A full disk must not kill the call: the in-memory log still works.
      if (!this.failed) logger.warn('calls.live_lines_write_failed', { file, error: e.message });
      this.failed = true;
    });
  }

  write(line: LiveLine): void {
    if (!this.failed) this.stream.write(JSON.stringify(line) + '\n');
  }

  /** Resolves once every line written so far has reached the file. */
  flush(): Promise<void> {
    if (this.failed || this.stream.writableEnded) return Promise.resolve();
    return new Promise((resolve) => this.stream.write('', () => resolve()));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}

/** Validate one line; bad lines are skipped (returned null), never fatal. */
export function parseLiveLine(raw: unknown): LiveLine | null {
  if (!raw || typeof raw !== 'object') return null;
  const { w, e, p } = raw as { w?: unknown; e?: unknown; p?: unknown };
  if (typeof w !== 'number' || !Number.isFinite(w) || !isLiveEventName(e)) return null;
  const parsed = contract.events[e].payload.safeParse(p);
  return parsed.success ? { w, e, p: parsed.data } : null;
}

export async function readLiveLines(file: string, logger: Logger): Promise<LiveLine[] | null> {
  let input: fs.ReadStream;
  try {
    await fs.promises.access(file);
    input = fs.createReadStream(file, { encoding: 'utf8' });
  } catch {
    return null;
  }
  const out: LiveLine[] = [];
  let bad = 0;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const text of rl) {
    if (!text.trim()) continue;
    let line: LiveLine | null = null;
    try {
      line = parseLiveLine(JSON.parse(text));
    } catch {
      line = null;
    }
    if (line) out.push(line);
    else bad++;
  }
  if (bad) logger.warn('calls.live_lines_skipped', { file, bad });
  return out;
}

/**
 * The endpoint's own events.jsonl, for calls recorded by another process (e.g. the CLI): we accept
 * lines that are log entries, {entries:[…]} batches, or {event:'call:log', payload} records.
 */
export async function readEndpointLog(file: string): Promise<LogEntry[] | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    return null;
  }
  const out: LogEntry[] = [];
  for (const row of text.split('\n')) {
    if (!row.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(row);
    } catch {
      continue;
    }
    for (const candidate of candidates(v)) {
      const e = logEntrySchema.safeParse(candidate);
      if (e.success) out.push(e.data);
    }
  }
  return out;
}

function candidates(v: unknown): unknown[] {
  if (!v || typeof v !== 'object') return [];
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.entries)) return o.entries;
  if (o.payload && typeof o.payload === 'object') return candidates(o.payload);
  if (o.p && typeof o.p === 'object') return candidates(o.p);
  if (o.entry) return [o.entry];
  return [o];
}
