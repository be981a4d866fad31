// Appends JSON lines to a file in batches (a call logs ~50 media frames a second; one write per
// line would cost a syscall each). A line waits at most about a second (the process's flush clock)
// and is written on close, so a crash loses at most the last second, like the recording; a second
// of a call's lines fits in one buffer, so a steady call costs one file write a second.
// Lines are encoded straight into a reused byte buffer (two take turns, one filling while the other
// is written), so a line's string dies young and no joined text or per-flush buffer is left for the
// old-generation GC: with hundreds of calls those made V8 run full collections every few seconds.
import fs from 'node:fs';
import path from 'node:path';
import { englishOf, inlineEntry, logLineText, type LogEntry, type LogMessage } from '../../shared/call-log';
import { elidePayloadAt } from '../../shared/psr-stream';
import { TwinBuffers } from '../io/twin-buffers';
import { watchFlushes } from '../io/flush-clock';

function appendAll(fd: number, buf: Buffer, len: number): Promise<void> {
  return new Promise((resolve) => {
    let done = 0;
    const step = (): void => {
      // A failing log write must not take the call down; the recording matters more.
      fs.write(fd, buf, done, len - done, null, (err, n) => {
        if (err || n <= 0) return resolve();
        done += n;
        if (done < len) step();
        else resolve();
      });
    };
    step();
  });
}

export class JsonlWriter {
  private readonly fd: number;
  private readonly pending: TwinBuffers;
  private chain: Promise<void> = Promise.resolve();
  private unwatch: (() => void) | null = null;
  /** When the oldest pending line arrived (performance.now()), or -1 with nothing pending. */
  private pendingSince = -1;
  private closed = false;
  /** One buffer, reused, for lines longer than the twin buffers (encoded only when their turn to be written comes). */
  private big: Buffer | null = null;

  constructor(
    readonly filePath: string,
    /** Flush once this many bytes are pending. */
    private readonly maxPendingChars = 64 * 1024,
    flushIntervalMs = 1000,
  ) {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.fd = fs.openSync(filePath, 'a', 0o600);
    // A second of a call's log (50 media lines of ~350 bytes) and room to spare; when full it
    // flushes early, and only a single line longer than the buffer makes it grow.
    const capacity = Math.min(maxPendingChars, 24 * 1024);
    this.pending = new TwinBuffers(capacity);
    if (flushIntervalMs > 0) {
      this.unwatch = watchFlushes({
        tick: (now) => {
          if (this.pendingSince >= 0 && now - this.pendingSince >= flushIntervalMs) void this.flush();
        },
      });
    }
  }

  write(obj: unknown): void {
    this.writeLine(JSON.stringify(obj));
  }

  /** Append one line of JSON the caller has already serialised (no newline in it). */
  writeLine(line: string): void {
    if (this.closed) return;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; +1 for the newline.
    const worst = line.length * 3 + 1;
    const p = this.pending;
    if (p.length + worst > p.current.length) {
      if (p.length > 0) void this.flush();
      if (worst > p.current.length) {
        // A line longer than the buffers (a frame's megabyte of JSON) waits as text, in order after what
        // is pending, and is encoded into one reused buffer when its turn comes. Growing a fresh buffer
        // to 3× the line for each one left a buffer per line as old-generation garbage (external memory)
        // after the call: 300 frames of 1 MB held ~600 MB (test/unit/calls/memory-bound.test.ts).
        this.chain = this.chain.then(() => this.appendLong(line));
        return;
      }
    }
    if (p.length === 0) this.pendingSince = performance.now();
    p.length += p.current.write(line, p.length, 'utf8');
    p.current[p.length++] = 10;
    if (p.length >= this.maxPendingChars) void this.flush();
  }

  /** The line and its newline, encoded into the reused long-line buffer. Returns the byte count. */
  private encodeLong(line: string): number {
    const len = Buffer.byteLength(line) + 1;
    if (this.big === null || this.big.length < len) this.big = Buffer.allocUnsafe(len);
    this.big.write(line, 0, 'utf8');
    this.big[len - 1] = 10;
    return len;
  }

  private appendLong(line: string): Promise<void> {
    const len = this.encodeLong(line);
    return appendAll(this.fd, this.big!, len);
  }

  flush(): Promise<void> {
    this.pendingSince = -1;
    if (this.pending.length > 0) {
      const len = this.pending.length;
      const chunk = this.pending.take();
      this.chain = this.chain.then(async () => {
        await appendAll(this.fd, chunk, len);
        this.pending.giveBack(chunk);
      });
    }
    return this.chain;
  }

  async close(): Promise<void> {
    this.unwatch?.();
    this.unwatch = null;
    if (this.closed) return this.chain;
    await this.flush();
    this.closed = true;
    this.chain = this.chain.then(() => new Promise<void>((resolve) => fs.close(this.fd, () => resolve())));
    await this.chain;
    this.big = null;
  }
}

/**
 * A call's log (`<call>.events.jsonl`, format in src/shared/call-log): the one writer of the call's
 * messages. Each line is written once, here; the live view gets the same entry with a large `json`
 * cut to its head (the file keeps it whole), and the call library reads the file.
 */
export class CallLogWriter {
  private readonly out: JsonlWriter;
  private seq = 0;
  // Every media frame of a call usually has the same size and layout: word and escape it once.
  private mediaKey = '';
  private mediaSummaryJson = '""';
  private mediaMsgJson = '{}';
  private mediaSummary = '';
  private mediaMsg: LogMessage = { code: 'frame.media', params: {} };
  // The text after a media frame's payload is the same frame after frame: escaped once, with the elision.
  private tail = '';
  private tailBytes = -1;
  private tailJson = '';

  constructor(
    filePath: string,
    /** Receives each entry for the live view (json already cut), when someone watches live. */
    private readonly live: ((e: LogEntry) => void) | null,
  ) {
    this.out = new JsonlWriter(filePath);
  }

  get filePath(): string {
    return this.out.filePath;
  }

  /** Entries written so far. */
  get count(): number {
    return this.seq;
  }

  entry(at: number, dir: LogEntry['dir'], type: string, size: number, msg: LogMessage, code?: string, json?: string): void {
    const summary = englishOf(msg);
    this.line(at, dir, type, JSON.stringify(type), size, summary, JSON.stringify(summary), msg, JSON.stringify(msg), code, json);
  }

  /** An inbound media frame (50 a second per call): `bytes` of PCM making `frames` sample frames. */
  media(at: number, size: number, bytes: number, frames: number, layout: string, code?: string, json?: string): void {
    this.setMedia(bytes, frames, layout);
    this.line(at, 'in', 'media', '"media"', size, this.mediaSummary, this.mediaSummaryJson, this.mediaMsg, this.mediaMsgJson, code, json);
  }

  /**
   * The same for a frame whose payload spans `text[start, end)`: the line's `json` is the frame with
   * the payload elided (elidePayloadAt), escaped in two parts: the text before the payload each
   * time, the elision and the text after it once for as long as they stay the same. The split is
   * at ASCII characters (the payload's quotes), so the parts escape exactly as the whole would.
   */
  mediaAt(at: number, size: number, bytes: number, frames: number, layout: string, code: string | undefined, text: string, start: number, end: number): void {
    // The live view gets the entry with its JSON as text: build it whole.
    if (this.live) return this.media(at, size, bytes, frames, layout, code, elidePayloadAt(text, start, end, bytes));
    this.setMedia(bytes, frames, layout);
    const tail = text.slice(end);
    if (bytes !== this.tailBytes || tail !== this.tail) {
      // Kept as a copy of its own: a slice would keep the whole frame (payload included) alive.
      this.tail = JSON.parse(JSON.stringify(tail)) as string;
      this.tailBytes = bytes;
      this.tailJson = JSON.stringify(elidePayloadAt(tail, 0, 0, bytes)).slice(1);
    }
    const head = JSON.stringify(text.slice(0, start));
    this.out.writeLine(logLineText(this.seq++, at, 'in', '"media"', size, this.mediaSummaryJson, code, head.slice(0, -1) + this.tailJson, this.mediaMsgJson));
  }

  private setMedia(bytes: number, frames: number, layout: string): void {
    const key = `${bytes}/${frames}/${layout}`;
    if (key !== this.mediaKey) {
      this.mediaKey = key;
      this.mediaMsg = { code: 'frame.media', params: { bytes, ms: (frames * 1000) / 8000, layout } };
      this.mediaSummary = englishOf(this.mediaMsg);
      this.mediaSummaryJson = JSON.stringify(this.mediaSummary);
      this.mediaMsgJson = JSON.stringify(this.mediaMsg);
    }
  }

  private line(at: number, dir: LogEntry['dir'], type: string, typeJson: string, size: number, summary: string, summaryJson: string, msg: LogMessage, msgJson: string, code: string | undefined, json: string | undefined): void {
    const seq = this.seq++;
    this.out.writeLine(logLineText(seq, at, dir, typeJson, size, summaryJson, code, json === undefined ? undefined : JSON.stringify(json), msgJson));
    if (!this.live) return;
    const e: LogEntry = { seq, at, dir, type, size, summary };
    if (code) e.code = code;
    if (json !== undefined) e.json = json;
    e.msg = msg;
    this.live(inlineEntry(e));
  }

  flush(): Promise<void> {
    return this.out.flush();
  }

  close(): Promise<void> {
    return this.out.close();
  }
}
