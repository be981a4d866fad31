// Per-leg level meter over fixed windows (20 ms at 8 kHz = 160 samples).
// dBFS is relative to a full-scale square wave: a full-scale sine reads 0.0 dBFS peak and
// −3.0 dBFS RMS. Digital silence has no logarithm, so it reads DBFS_FLOOR.
// Pure, allocation-free per sample: callers pass a strided view of an interleaved buffer.

export const DBFS_FLOOR = -120;
export const LEVEL_WINDOW_MS = 20;
/** Consecutive samples at full scale that count as clipping (one sample at full scale is a legal peak). */
export const CLIP_RUN = 3;
const FULL_SCALE = 32768;
const CLIP_LEVEL = 32767;

export function toDbfs(linear: number): number {
  if (linear <= 0) return DBFS_FLOOR;
  const db = 20 * Math.log10(linear);
  return db < DBFS_FLOOR ? DBFS_FLOOR : db;
}

/** Called once per completed window. `t` is the window start in ms of this meter's audio time. */
export type WindowSink = (t: number, peakDbfs: number, rmsDbfs: number, clipped: boolean) => void;

export class LevelMeter {
  readonly windowSamples: number;
  private n = 0;
  private peak = 0;
  private sumSq = 0;
  private run = 0;
  private clipped = false;
  private windowIndex = 0;

  constructor(
    readonly sampleRate = 8000,
    readonly windowMs = LEVEL_WINDOW_MS,
  ) {
    this.windowSamples = Math.round((sampleRate * windowMs) / 1000);
  }

  /** Audio time (ms) already metered, including the open window. */
  get audioMs(): number {
    return ((this.windowIndex * this.windowSamples + this.n) * 1000) / this.sampleRate;
  }

  /** Jump the meter's clock forward (e.g. bot audio that starts later than the last window). Drops the open window. */
  skipTo(ms: number): void {
    const idx = Math.floor((ms * this.sampleRate) / 1000 / this.windowSamples);
    if (idx > this.windowIndex) {
      this.windowIndex = idx;
      this.reset();
    }
  }

  /** Meter `count` samples taken from `samples[offset + i * stride]`. */
  push(samples: Int16Array, offset: number, stride: number, count: number, sink: WindowSink): void {
    const ws = this.windowSamples;
    let n = this.n;
    let peak = this.peak;
    let sumSq = this.sumSq;
    let run = this.run;
    let clipped = this.clipped;
    let idx = offset;
    let i = 0;
    while (i < count) {
      // One stretch up to the end of the open window: a tight loop for peak and energy; the
      // clipping run is only traced (second pass) when the stretch touches full scale, which
      // real audio almost never does.
      const len = Math.min(count - i, ws - n);
      const start = idx;
      let top = 0;
      for (let j = 0; j < len; j++) {
        const x = samples[idx]!;
        idx += stride;
        const a = x < 0 ? -x : x;
        if (a > top) top = a;
        sumSq += x * x;
      }
      if (top > peak) peak = top;
      if (top >= CLIP_LEVEL) {
        for (let j = 0, k = start; j < len; j++, k += stride) {
          const x = samples[k]!;
          if ((x < 0 ? -x : x) >= CLIP_LEVEL) {
            if (++run >= CLIP_RUN) clipped = true;
          } else run = 0;
        }
      } else run = 0;
      i += len;
      n += len;
      if (n === ws) {
        const t = (this.windowIndex * ws * 1000) / this.sampleRate;
        this.windowIndex++;
        sink(t, toDbfs(peak / FULL_SCALE), toDbfs(Math.sqrt(sumSq / ws) / FULL_SCALE), clipped);
        n = 0;
        peak = 0;
        sumSq = 0;
        clipped = false;
      }
    }
    this.n = n;
    this.peak = peak;
    this.sumSq = sumSq;
    this.run = run;
    this.clipped = clipped;
  }

  private reset(): void {
    this.n = 0;
    this.peak = 0;
    this.sumSq = 0;
    this.run = 0;
    this.clipped = false;
  }
}
