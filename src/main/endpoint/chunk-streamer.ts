// Streams audio as `chunk` actions in real time (the console's "stream as chunks", the demo's
// chunked answers): one chunk per chunkMs, dated against the clock so timer lateness never adds up.
// When PSR does not read what it is sent, the stream pauses (see ChunkStreamer).
import type { Mp3Encoder } from '../audio/mp3';
import { isBacklogFull } from './send-backlog';

export interface ChunkStreamOptions {
  format: 'mp3' | 'pcm16';
  /** Audio per chunk, ms. Default 100. */
  chunkMs?: number;
  /** Sends one chunk; throwing ACTION_BACKLOG_FULL (too much waits for PSR) pauses the stream. */
  send(payload: Uint8Array): void;
  /** Needed for mp3; created by the caller so this file stays free of the encoder's loading cost. */
  encoder?: Mp3Encoder;
  now?: () => number;
}

/**
 * Streams 8 kHz mono samples as `chunk` actions in real time: chunk k is sent at start + k·chunkMs,
 * measured against the clock (not chained sleeps), so timer lateness does not accumulate.
 *
 * Backpressure: a chunk refused because too much already waits for PSR (ACTION_BACKLOG_FULL) is kept
 * and tried again every chunkMs; the stream resumes with it once PSR has read, and paces on in real
 * time from there (no burst of the chunks that fell due meanwhile). It pauses rather than drops: the
 * chunks are one piece of audio (an mp3 frame leans on the ones before it, a gap in pcm16 is a click),
 * so a dropped chunk would play as broken audio while a paused one plays whole, later — and the
 * stream holds one chunk at most while paused, whatever PSR does.
 */
export class ChunkStreamer {
  private timer: NodeJS.Timeout | null = null;
  private index = 0;
  private cancelled = false;
  /** The chunk refused for the backlog, sent before any other. */
  private held: Uint8Array | null = null;
  private flushed = false;
  private pauses = 0;
  readonly done: Promise<'finished' | 'cancelled'>;
  private resolveDone!: (r: 'finished' | 'cancelled') => void;
  readonly durationMs: number;

  constructor(
    private readonly pcm: Int16Array,
    private readonly opts: ChunkStreamOptions,
  ) {
    this.done = new Promise((r) => (this.resolveDone = r));
    this.durationMs = (pcm.length / 8000) * 1000;
    if (opts.format === 'mp3' && !opts.encoder) throw new Error('ChunkStreamer: mp3 needs an encoder');
  }

  start(): this {
    const now = this.opts.now ?? Date.now;
    const chunkMs = this.opts.chunkMs ?? 100;
    const per = Math.max(1, Math.round((8000 * chunkMs) / 1000));
    let t0 = now();
    const tick = (): void => {
      this.timer = null;
      if (this.cancelled) return;
      if (this.held) {
        if (!this.trySend(this.held)) {
          this.timer = setTimeout(tick, chunkMs);
          return;
        }
        this.held = null;
        // Real time again from here: the chunk just sent is the one due now.
        t0 = now() - Math.max(0, this.index - 1) * chunkMs;
      }
      const due = Math.floor((now() - t0) / chunkMs) + 1;
      while (this.index < due && this.index * per < this.pcm.length) {
        const slice = this.pcm.subarray(this.index * per, Math.min(this.pcm.length, (this.index + 1) * per));
        this.index++;
        if (!this.trySend(this.encode(slice))) {
          this.timer = setTimeout(tick, chunkMs);
          return;
        }
      }
      if (this.index * per >= this.pcm.length) {
        if (this.opts.format === 'mp3' && !this.flushed) {
          this.flushed = true;
          if (!this.trySend(this.opts.encoder!.flush())) {
            this.timer = setTimeout(tick, chunkMs);
            return;
          }
        }
        this.resolveDone('finished');
        return;
      }
      this.timer = setTimeout(tick, Math.max(0, t0 + this.index * chunkMs - now()));
    };
    tick();
    return this;
  }

  /** Times the stream paused because too much waited for PSR. */
  get pausedTimes(): number {
    return this.pauses;
  }

  /** True while a chunk waits for PSR to read what it was sent before. */
  get paused(): boolean {
    return this.held !== null;
  }

  private encode(slice: Int16Array): Uint8Array {
    if (this.opts.format === 'pcm16') return new Uint8Array(slice.buffer, slice.byteOffset, slice.byteLength).slice();
    // lamejs buffers a frame or two; an empty result just means "nothing complete yet".
    return this.opts.encoder!.encode(slice);
  }

  /** Sends a chunk (an empty one is nothing to send); false when it was refused for the backlog and is now held. */
  private trySend(payload: Uint8Array): boolean {
    if (payload.length === 0) return true;
    try {
      this.opts.send(payload);
      return true;
    } catch (e) {
      if (!isBacklogFull(e)) throw e;
      if (this.held === null) this.pauses++;
      this.held = payload;
      return false;
    }
  }

  cancel(): void {
    this.cancelled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.resolveDone('cancelled');
  }
}
