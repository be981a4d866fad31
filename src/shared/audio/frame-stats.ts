// Statistics of a stream of media frames: how much audio arrived, over how much wall time,
// how regularly. Jitter follows RFC 3550 §6.4.1: the smoothed |difference| between the spacing
// of arrivals and the spacing of the sender's timestamps (or, without timestamps, of audio time).
import type { FrameStats } from '../contract/live';

/** A frame counts as a gap when it arrives this much later than the audio already received implies. */
export const GAP_THRESHOLD_MS = 100;
/** A frame arriving this much later than the audio clock implies counts as late (three 20 ms frames). */
export const LATE_THRESHOLD_MS = 60;

export class FrameStatsTracker {
  frames = 0;
  bytes = 0;
  private samples = 0;
  private firstArrival = -1;
  /** Arrival time the audio clock is measured from; moved forward after each gap so one pause counts once. */
  private clockBase = -1;
  private lastArrival = -1;
  private lastSenderTs = -1;
  private lastAudioMs = 0;
  private jitter = 0;
  private gaps = 0;
  private lateFrames = 0;
  readonly errors: Record<string, number> = {};

  constructor(readonly sampleRate = 8000) {}

  /**
   * One media frame. `frames` = sample frames it completed, `senderTs` = PSR `timestamp` (epoch ms)
   * or NaN, `arrival` = epoch ms when it reached us.
   */
  media(bytes: number, frames: number, senderTs: number, arrival: number): void {
    const audioMsBefore = (this.samples * 1000) / this.sampleRate;
    if (this.firstArrival < 0) {
      this.firstArrival = arrival;
      this.clockBase = arrival;
    } else {
      const useSender = Number.isFinite(senderTs) && this.lastSenderTs >= 0;
      const senderDelta = useSender ? senderTs - this.lastSenderTs : audioMsBefore - this.lastAudioMs;
      const arrivalDelta = arrival - this.lastArrival;
      const d = arrivalDelta - senderDelta;
      this.jitter += (Math.abs(d) - this.jitter) / 16;
      // Late against the audio clock: the sender paused (or the network held frames back).
      const late = arrival - (this.clockBase + audioMsBefore);
      if (late > LATE_THRESHOLD_MS) this.lateFrames++;
      if (late > GAP_THRESHOLD_MS && arrivalDelta > GAP_THRESHOLD_MS) {
        this.gaps++;
        this.clockBase += late;
      }
    }
    this.frames++;
    this.bytes += bytes;
    this.samples += frames;
    this.lastArrival = arrival;
    this.lastAudioMs = audioMsBefore;
    if (Number.isFinite(senderTs)) this.lastSenderTs = senderTs;
  }

  error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  get audioSeconds(): number {
    return this.samples / this.sampleRate;
  }

  snapshot(now: number): FrameStats {
    return {
      frames: this.frames,
      bytes: this.bytes,
      audioSeconds: this.samples / this.sampleRate,
      wallSeconds: this.firstArrival < 0 ? 0 : Math.max(0, now - this.firstArrival) / 1000,
      gaps: this.gaps,
      lateFrames: this.lateFrames,
      jitterMs: Math.round(this.jitter * 100) / 100,
      errors: { ...this.errors },
    };
  }
}
