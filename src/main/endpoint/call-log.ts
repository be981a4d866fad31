// A call's log: one line per message both ways (and the endpoint's own notes), written to the
// call's `events.jsonl` and, when someone watches, batched to the live view. Until the call's
// files are reserved (its first valid frame), entries wait in a small bounded list; a connection
// that never sends a valid frame leaves no log file at all.
import type { LogEntry } from '../../shared/contract/live';
import type { Logger } from '../logger';
import { JsonlWriter } from './jsonl-writer';
import type { LiveBatcher } from './live-batcher';

/** Entries kept before the files exist; beyond this they are counted, not kept. */
export const HELD_ENTRIES_MAX = 64;

export type LogDir = LogEntry['dir'];

export class CallLog {
  private writer: JsonlWriter | null = null;
  private live: LiveBatcher | null = null;
  private held: string[] = [];
  private heldLive: LogEntry[] = [];
  private heldDropped = 0;
  private seq = 0;
  private lastSummary = '';
  private lastSummaryJson = '""';

  constructor(
    private readonly now: () => number,
    private readonly logger: Logger,
    /** The id the app log names this connection by. */
    private readonly idForAppLog: () => string,
  ) {}

  /** The files exist: write what was held, then every entry as it comes. */
  open(eventsPath: string, live: LiveBatcher | null): void {
    this.writer = new JsonlWriter(eventsPath);
    this.live = live;
    for (const line of this.held) this.writer.writeLine(line);
    if (live) for (const e of this.heldLive) live.entry(e);
    this.held = [];
    this.heldLive = [];
    if (this.heldDropped > 0) this.internal('warning', `${this.heldDropped} log entries before the first valid frame were not kept`);
  }

  get isOpen(): boolean {
    return this.writer !== null;
  }

  /** One line, the same JSON that JSON.stringify(entry) gives, built as text (50 a second per call). */
  entry(at: number, dir: LogDir, type: string, size: number, summary: string, code?: string, json?: string): void {
    const seq = this.seq++;
    // Media lines repeat their summary frame after frame: escape it once.
    if (summary !== this.lastSummary) {
      this.lastSummary = summary;
      this.lastSummaryJson = JSON.stringify(summary);
    }
    const line = logLine(seq, at, dir, type === 'media' ? '"media"' : JSON.stringify(type), size, this.lastSummaryJson, code, json);
    if (this.writer) this.writer.writeLine(line);
    else if (this.held.length < HELD_ENTRIES_MAX) this.held.push(line);
    else this.heldDropped++;
    if (this.live || !this.writer) {
      const e: LogEntry = { seq, at, dir, type, size, summary };
      if (code) e.code = code;
      if (json !== undefined) e.json = json;
      if (this.live) this.live.entry(e);
      else if (this.heldLive.length < HELD_ENTRIES_MAX) this.heldLive.push(e);
    }
  }

  /** The endpoint's own note; warnings and errors also go to the app log. */
  internal(type: 'info' | 'warning' | 'error', summary: string, code?: string): void {
    this.entry(this.now(), 'internal', type, 0, summary, code);
    if (type !== 'info') this.logger.warn(`endpoint.${type}`, { callId: this.idForAppLog(), code, summary });
  }

  async close(): Promise<void> {
    this.held = [];
    this.heldLive = [];
    await this.writer?.close();
  }
}

/** `JSON.stringify(entry)` of a LogEntry, same keys in the same order (`typeJson`, `summaryJson` already JSON strings). */
export function logLine(seq: number, at: number, dir: LogDir, typeJson: string, size: number, summaryJson: string, code?: string, json?: string): string {
  let line = `{"seq":${seq},"at":${Number.isFinite(at) ? at : 'null'},"dir":"${dir}","type":${typeJson},"size":${Number.isFinite(size) ? size : 'null'},"summary":${summaryJson}`;
  if (code) line += `,"code":${JSON.stringify(code)}`;
  if (json !== undefined) line += `,"json":${JSON.stringify(json)}`;
  return line + '}';
}
