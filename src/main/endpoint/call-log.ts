// A call's log, the endpoint's side: every message both ways and the endpoint's own notes, each one
// line of the call log (format and wording: src/shared/call-log; writer: CallLogWriter). Until the
// call's files are reserved (its first valid frame) entries wait in a small bounded list; a
// connection that never sends a valid frame leaves no log file at all.
import { logMessage, logMessageWords, type LogEntry, type LogMessage, type LogMessageCode, type LogParams } from '../../shared/call-log';
import { elidePayloadAt } from '../../shared/psr-stream';
import type { Logger } from '../logger';
import { CallLogWriter } from './jsonl-writer';

/** Entries kept before the files exist; beyond this they are counted, not kept. */
export const HELD_ENTRIES_MAX = 64;

export type LogDir = LogEntry['dir'];

type Held = { kind: 'entry'; at: number; dir: LogDir; type: string; size: number; msg: LogMessage; code?: string; json?: string };

export class CallLog {
  private writer: CallLogWriter | null = null;
  private held: Held[] = [];
  private heldDropped = 0;

  constructor(
    private readonly now: () => number,
    private readonly logger: Logger,
    /** The id the app log names this connection by. */
    private readonly idForAppLog: () => string,
  ) {}

  /** The files exist: write what was held, then every entry as it comes. */
  open(eventsPath: string, live: ((e: LogEntry) => void) | null): void {
    const w = new CallLogWriter(eventsPath, live);
    this.writer = w;
    for (const h of this.held) w.entry(h.at, h.dir, h.type, h.size, h.msg, h.code, h.json);
    this.held = [];
    if (this.heldDropped > 0) this.internal('warning', `${this.heldDropped} log entries before the first valid frame were not kept`);
  }

  get isOpen(): boolean {
    return this.writer !== null;
  }

  entry(at: number, dir: LogDir, type: string, size: number, msg: LogMessage, code?: string, json?: string): void {
    if (this.writer) this.writer.entry(at, dir, type, size, msg, code, json);
    else if (this.held.length < HELD_ENTRIES_MAX) this.held.push({ kind: 'entry', at, dir, type, size, msg, code, json });
    else this.heldDropped++;
  }

  /** An inbound media frame (the hot path: worded and escaped once per size/layout by the writer). */
  media(at: number, size: number, bytes: number, frames: number, layout: string, code?: string, json?: string): void {
    if (this.writer) this.writer.media(at, size, bytes, frames, layout, code, json);
    else this.entry(at, 'in', 'media', size, logMessage('frame.media', { bytes, ms: (frames * 1000) / 8000, layout }), code, json);
  }

  /** An inbound media frame whose payload spans `text[start, end)` (logged with the payload elided). */
  mediaAt(at: number, size: number, bytes: number, frames: number, layout: string, code: string | undefined, text: string, start: number, end: number): void {
    if (this.writer) this.writer.mediaAt(at, size, bytes, frames, layout, code, text, start, end);
    else this.media(at, size, bytes, frames, layout, code, elidePayloadAt(text, start, end, bytes));
  }

  /** A line whose message is an error code with its parameters (a bad frame, a dropped call). */
  coded(at: number, dir: LogDir, type: string, size: number, code: string, params: LogParams, detail?: string, json?: string): void {
    this.entry(at, dir, type, size, messageFor(code, params, detail), code, json);
  }

  /** The endpoint's own note; free text is logged as a `note`. Warnings and errors also go to the app log. */
  internal(type: 'info' | 'warning' | 'error', message: LogMessage | string, code?: string): void {
    const msg = typeof message === 'string' ? logMessage('note', { text: message }) : message;
    this.entry(this.now(), 'internal', type, 0, msg, code);
    if (type !== 'info') this.logger.warn(`endpoint.${type}`, { callId: this.idForAppLog(), code, msg });
  }

  async close(): Promise<void> {
    this.held = [];
    await this.writer?.close();
  }
}

/** The code itself when the call log words it, else the detail as a note (the line's `code` still says which). */
export function messageFor(code: string, params: LogParams, detail?: string): LogMessage {
  if (Object.hasOwn(logMessageWords, code)) return logMessage(code as LogMessageCode, params);
  return logMessage('note', { text: detail ?? (typeof params.text === 'string' ? params.text : code) });
}
