// Levels and voice activity of one leg (A, B or the bot's outgoing audio).
import type { Leg } from '../../shared/contract/live';
import { LevelMeter } from '../../shared/audio/levels';
import { EnergyVad } from '../../shared/audio/vad';

export interface LegWindowSink {
  window(leg: Leg, t: number, peakDbfs: number, rmsDbfs: number, clipped: boolean, speaking: boolean): void;
  voice(leg: Leg, speaking: boolean, t: number): void;
}

export class LegMeter {
  private readonly meter = new LevelMeter();
  private readonly vad = new EnergyVad();
  // Bound once: the meter calls it per window, and a fresh closure per push would allocate.
  private readonly onWindow = (t: number, peak: number, rms: number, clipped: boolean): void => {
    if (this.vad.update(rms)) this.sink.voice(this.leg, this.vad.speaking, t);
    this.sink.window(this.leg, t, peak, rms, clipped, this.vad.speaking);
  };

  constructor(
    readonly leg: Leg,
    private readonly sink: LegWindowSink,
  ) {}

  get audioMs(): number {
    return this.meter.audioMs;
  }

  get speaking(): boolean {
    return this.vad.speaking;
  }

  /** Move this leg's clock to call time `ms` when it starts later than the call (a leg that joins mid-call). */
  alignTo(ms: number): void {
    if (ms > this.meter.audioMs) this.meter.skipTo(ms);
  }

  push(samples: Int16Array, offset: number, stride: number, count: number): void {
    this.meter.push(samples, offset, stride, count, this.onWindow);
  }
}
