// PSR's leg A as the scripted caller hears it, shared by the bot-test call and the campaign generator:
// the playback queue (SPEC §5), the analysis of each 20 ms frame the caller is fed (RMS, onset,
// peak), and when the audio became playable on the call's real clock. An action that arrives while
// nothing plays (or interrupts) starts at its arrival time; audio queued behind other audio starts
// where that ends. So the caller's "the bot's audio starts" is a measured time, not a 20 ms grid.
import { toDbfs } from '../../shared/audio/levels';
import { PlaybackQueue } from '../simulator/playback-queue';
import { FRAME_SAMPLES, ONSET_AMPLITUDE, type BotFrame } from './caller-types';

const SAMPLES_PER_MS = FRAME_SAMPLES / 20;

export class LegA extends PlaybackQueue {
  /** The frame last analysed (reused: read it before the next `next`). */
  readonly frame: BotFrame = { rmsDbfs: -Infinity, onsetSample: -1, endsAtMs: undefined, onsetAtMs: undefined };
  /** Largest absolute sample of the frame last analysed. */
  peak = 0;
  /** Real-clock time at which sample `anchorSample` (count of samples played) became playable; null: unknown. */
  private anchorAt: number | null = null;
  private anchorSample = 0;
  /** Told of every action's audio as it is queued (the campaign's live view). */
  onAudio: ((label: string, samples: number, at: number | undefined, bytes: number | undefined) => void) | null = null;

  /** Queue audio; `at` is its arrival on the call's real clock (ms), when known; `bytes` the size of the message that carried it. */
  override enqueue(samples: Int16Array, label: string, opts: { interrupt?: boolean; at?: number; bytes?: number } = {}): void {
    if (opts.interrupt || this.pending === 0) {
      this.anchorAt = opts.at ?? null;
      this.anchorSample = this.played;
    }
    super.enqueue(samples, label, opts);
    this.onAudio?.(label, samples.length, opts.at, opts.bytes);
  }

  override clear(): void {
    super.clear();
    this.anchorAt = null;
  }

  /**
   * Play the next frame into `out` and analyse it into `frame`; `endsAtMs` is when this frame's audio
   * ends on the call's real clock (undefined: the call keeps no real clock). Returns samples of audio.
   */
  next(out: Int16Array, endsAtMs?: number): number {
    const k0 = this.played;
    const n = this.pending > 0 ? this.pull(out) : (out.fill(0), 0);
    const f = this.frame;
    let sum = 0;
    let onset = -1;
    let peak = 0;
    if (n > 0) {
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const v = out[i]!;
        sum += v * v;
        const m = v < 0 ? -v : v;
        if (m > peak) peak = m;
        if (onset < 0 && m > ONSET_AMPLITUDE) onset = i;
      }
    }
    this.peak = peak;
    f.rmsDbfs = n > 0 ? toDbfs(Math.sqrt(sum / FRAME_SAMPLES) / 32768) : -Infinity;
    f.onsetSample = onset;
    f.endsAtMs = endsAtMs;
    f.onsetAtMs = undefined;
    if (onset >= 0 && this.anchorAt !== null && endsAtMs !== undefined) {
      // Arrival plus what played before it, but never later than the frame that carries the sample.
      f.onsetAtMs = Math.min(this.anchorAt + (k0 + onset - this.anchorSample) / SAMPLES_PER_MS, endsAtMs + onset / SAMPLES_PER_MS);
    }
    if (this.pending === 0) this.anchorAt = null;
    return n;
  }
}
