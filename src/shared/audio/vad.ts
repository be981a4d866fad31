// Energy voice-activity detection on the meter's windows: simple, predictable, explainable.
// Speech starts after `attackWindows` windows above `onDbfs`; it stops only after `hangoverWindows`
// windows below `offDbfs`, so the pauses between words do not flicker the flag.

export interface VadOptions {
  /** RMS level (dBFS) a window must exceed to count as voice. Default −40. */
  onDbfs?: number;
  /** RMS level below which a window counts as quiet. Default −45 (hysteresis). */
  offDbfs?: number;
  /** Loud windows in a row before speaking turns on. Default 2 (40 ms). */
  attackWindows?: number;
  /** Quiet windows in a row before speaking turns off. Default 15 (300 ms). */
  hangoverWindows?: number;
}

export class EnergyVad {
  speaking = false;
  private readonly onDbfs: number;
  private readonly offDbfs: number;
  private readonly attack: number;
  private readonly hangover: number;
  private loud = 0;
  private quiet = 0;

  constructor(opts: VadOptions = {}) {
    this.onDbfs = opts.onDbfs ?? -40;
    this.offDbfs = opts.offDbfs ?? -45;
    this.attack = opts.attackWindows ?? 2;
    this.hangover = opts.hangoverWindows ?? 15;
  }

  /** Feed one window's RMS; returns true when the speaking flag changed. */
  update(rmsDbfs: number): boolean {
    if (rmsDbfs > this.onDbfs) {
      this.loud++;
      this.quiet = 0;
    } else if (rmsDbfs < this.offDbfs) {
      this.quiet++;
      this.loud = 0;
    } else {
      // Between the thresholds: keep the current state, reset neither counter's meaning.
      this.loud = 0;
      if (this.speaking) this.quiet = 0;
    }
    if (!this.speaking && this.loud >= this.attack) {
      this.speaking = true;
      return true;
    }
    if (this.speaking && this.quiet >= this.hangover) {
      this.speaking = false;
      return true;
    }
    return false;
  }
}
