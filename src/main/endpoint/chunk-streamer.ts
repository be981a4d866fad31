// Streams audio as `chunk` actions in real time (the console's "stream as chunks", the demo's
// chunked answers): one chunk per chunkMs, dated against the clock so timer lateness never adds up.
import type { Mp3Encoder } from '../audio/mp3';

export interface ChunkStreamOptions {
  format: 'mp3' | 'pcm16';
  /** Audio per chunk, ms. Default 100. */
  chunkMs?: number;
  send(payload: Uint8Array): void;
  /** Needed for mp3; created by the caller so this file stays free of the encoder's loading cost. */
  encoder?: Mp3Encoder;
  now?: () => number;
}

/**
 * Streams 8 kHz mono samples as `chunk` actions in real time: chunk k is sent at start + k·chunkMs,
 * measured against the clock (not chained sleeps), so timer lateness does not accumulate.
 */
export class ChunkStreamer {
  private timer: NodeJS.Timeout | null = null;
  private index = 0;
  private cancelled = false;
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
    const t0 = now();
    const tick = (): void => {
      this.timer = null;
      if (this.cancelled) return;
      const due = Math.floor((now() - t0) / chunkMs) + 1;
      while (this.index < due && this.index * per < this.pcm.length) {
        const slice = this.pcm.subarray(this.index * per, Math.min(this.pcm.length, (this.index + 1) * per));
        this.index++;
        this.emit(slice);
      }
      if (this.index * per >= this.pcm.length) {
        if (this.opts.format === 'mp3') {
          const tail = this.opts.encoder!.flush();
          if (tail.length > 0) this.opts.send(tail);
        }
        this.resolveDone('finished');
        return;
      }
      this.timer = setTimeout(tick, Math.max(0, t0 + this.index * chunkMs - now()));
    };
    tick();
    return this;
  }

  private emit(slice: Int16Array): void {
    if (this.opts.format === 'pcm16') {
      this.opts.send(new Uint8Array(slice.buffer, slice.byteOffset, slice.byteLength).slice());
    } else {
      const mp3 = this.opts.encoder!.encode(slice);
      // lamejs buffers a frame or two; an empty result just means "nothing complete yet".
      if (mp3.length > 0) this.opts.send(mp3);
    }
  }

  cancel(): void {
    this.cancelled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.resolveDone('cancelled');
  }
}
