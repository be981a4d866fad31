// Levels and voice activity of one leg (A, B or the bot's outgoing audio).
import type { Leg } from '../../shared/contract/live';
import { LevelMeter } from '../../shared/audio/levels';
import { EnergyVad } from '../../shared/audio/vad';

export interface LegWindowSink {
  window(leg: Leg, t: number, peakDbfs: number, rmsDbfs: number, clipped: boolean, speaking: boolean): void;
  voice(leg: Leg, speaking: boolean, t: number): void;
}

/** A silence this long ends speech (the VAD's hangover: 15 windows of 20 ms). */
const SPEECH_GAP_MS = 300;

export class LegMeter {
  private readonly meter = new LevelMeter();
  private vad = new EnergyVad();
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

  /**
   * Move this leg's clock to call time `ms` when it starts later than the call (a leg that joins
   * mid-call, the bot's next prompt). A gap longer than the VAD's hangover ends the speech before it.
   */
  alignTo(ms: number): void {
    if (ms <= this.meter.audioMs) return;
    if (ms - this.meter.audioMs >= SPEECH_GAP_MS) this.endSpeech();
    this.meter.skipTo(ms);
  }

  /** This leg's audio stops here (a whole file was metered): its speech ends now, not at its next sound. */
  endSpeech(): void {
    if (!this.vad.speaking) return;
    this.vad = new EnergyVad();
    this.sink.voice(this.leg, false, this.meter.audioMs);
  }

  push(samples: Int16Array, offset: number, stride: number, count: number): void {
    this.meter.push(samples, offset, stride, count, this.onWindow);
  }
}
