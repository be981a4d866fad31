// Collects one call's live data (level windows, log entries, listened audio) and pushes it as
// events at most every 20 ms, so a call sending many small frames cannot flood the renderer.
import type { EventName, EventPayload } from '../../shared/contract';
import { inlineEntry } from '../../shared/call-log';
import type { FrameStats, Leg, LevelWindow, LogEntry } from '../../shared/contract/live';

export type EmitFn = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export const LIVE_BATCH_MS = 20;
/** How often the call's quality figures ride along with the level windows. */
export const LIVE_STATS_MS = 1000;

export class LiveBatcher {
  private windows: LevelWindow[] = [];
  private entries: LogEntry[] = [];
  private audio: Buffer[] = [];
  private audioBytes = 0;
  private audioLegs: Leg[] = [];
  private audioT = 0;
  private receivedAt = 0;
  private lastFlush = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastStats = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly callId: string,
    private readonly emit: EmitFn,
    private readonly now: () => number,
    /** The call's quality so far (the endpoint's frame statistics). */
    private readonly stats?: (now: number) => FrameStats,
  ) {}

  window(w: LevelWindow, receivedAt: number): void {
    this.windows.push(w);
    this.receivedAt = receivedAt;
    this.schedule();
  }

  entry(e: LogEntry): void {
    // The live view gets a large frame's JSON cut to its head; the log file keeps it whole.
    this.entries.push(inlineEntry(e));
    this.schedule();
  }

  /** Listened audio: interleaved 16-bit LE frames of `legs`, starting at call audio time `t` (ms). */
  pcm(bytes: Uint8Array, legs: Leg[], t: number): void {
    if (this.audioBytes > 0 && legs.join() !== this.audioLegs.join()) this.flush();
    if (this.audioBytes === 0) {
      this.audioLegs = legs;
      this.audioT = t;
    }
    this.audio.push(Buffer.from(bytes));
    this.audioBytes += bytes.length;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flushWhenDue(), Math.max(0, this.lastFlush + LIVE_BATCH_MS - this.now()));
  }

  /** The timer's flush. Node may fire a timer up to a millisecond early (its loop clock is whole ms): then wait out the rest. */
  private flushWhenDue(): void {
    this.timer = null;
    if (this.now() < this.lastFlush + LIVE_BATCH_MS) this.schedule();
    else this.flush();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = this.now();
    if (this.windows.length > 0) {
      const stats = this.stats && this.lastFlush - this.lastStats >= LIVE_STATS_MS ? this.stats(this.lastFlush) : undefined;
      if (stats) this.lastStats = this.lastFlush;
      this.emit('call:levels', { callId: this.callId, receivedAt: this.receivedAt, windows: this.windows, ...(stats ? { stats } : {}) });
      this.windows = [];
    }
    if (this.entries.length > 0) {
      this.emit('call:log', { callId: this.callId, entries: this.entries });
      this.entries = [];
    }
    if (this.audioBytes > 0) {
      // A plain Uint8Array of its own (not a pooled Buffer): IPC would clone the whole pool.
      const pcm = new Uint8Array(this.audioBytes);
      let at = 0;
      for (const b of this.audio) {
        pcm.set(b, at);
        at += b.length;
      }
      this.emit('call:audio', { callId: this.callId, legs: this.audioLegs, sampleRate: 8000, t: this.audioT, pcm });
      this.audio = [];
      this.audioBytes = 0;
    }
  }

  dispose(): void {
    this.flush();
  }
}
