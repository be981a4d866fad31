// Meter maths for the live view: the non-linear dBFS scale and the peak/clip ballistics.
// Levels come from the main process (call:levels); nothing here looks at audio samples.

export const METER_MIN_DB = -60;
export const METER_MAX_DB = 0;
export const PEAK_HOLD_MS = 1500;
export const PEAK_FALL_DB_PER_S = 20;
export const CLIP_DB = -0.1;
export const CLIP_HOLD_MS = 1500;
export const NO_SIGNAL_MS = 250;

/**
 * IEC 60268-18 style deflection: more room for the top 20 dB where speech lives, so the scale is
 * neither linear in amplitude nor linear in dB. Returns 0..1 over −60..0 dBFS.
 */
export function dbToFraction(db: number): number {
  const iec = (d: number): number => {
    if (d < -70) return 0;
    if (d < -60) return (d + 70) * 0.25;
    if (d < -50) return (d + 60) * 0.5 + 2.5;
    if (d < -40) return (d + 50) * 0.75 + 7.5;
    if (d < -30) return (d + 40) * 1.5 + 15;
    if (d < -20) return (d + 30) * 2 + 30;
    if (d < 0) return (d + 20) * 2.5 + 50;
    return 100;
  };
  const lo = iec(METER_MIN_DB);
  const f = (iec(Math.min(METER_MAX_DB, Math.max(METER_MIN_DB, db))) - lo) / (100 - lo);
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

export function clampDb(db: number): number {
  return db < METER_MIN_DB ? METER_MIN_DB : db > METER_MAX_DB ? METER_MAX_DB : db;
}

/** One meter's state between frames; mutated in place (it is updated 50 times a second per leg). */
export interface MeterState {
  rmsDbfs: number;
  /** performance.now() of the last level window, 0 before the first. */
  lastFrameAt: number;
  peakDb: number;
  peakHoldUntil: number;
  clipUntil: number;
}

export function newMeterState(): MeterState {
  return { rmsDbfs: METER_MIN_DB, lastFrameAt: 0, peakDb: METER_MIN_DB, peakHoldUntil: 0, clipUntil: 0 };
}

/** The peak marker's value now: held for 1.5 s, then falling at 20 dB/s. */
export function peakNow(s: MeterState, now: number): number {
  if (now <= s.peakHoldUntil) return s.peakDb;
  const fallen = s.peakDb - ((now - s.peakHoldUntil) / 1000) * PEAK_FALL_DB_PER_S;
  return fallen < METER_MIN_DB ? METER_MIN_DB : fallen;
}

export function feedWindow(s: MeterState, rmsDbfs: number, peakDbfs: number, clipped: boolean, now: number): void {
  s.rmsDbfs = rmsDbfs;
  s.lastFrameAt = now;
  if (peakDbfs >= peakNow(s, now)) {
    s.peakDb = clampDb(peakDbfs);
    s.peakHoldUntil = now + PEAK_HOLD_MS;
  }
  if (clipped || peakDbfs >= CLIP_DB) s.clipUntil = now + CLIP_HOLD_MS;
}

export function hasSignal(s: MeterState, now: number): boolean {
  return s.lastFrameAt > 0 && now - s.lastFrameAt <= NO_SIGNAL_MS;
}

/** The value screen readers and tests read: RMS dBFS rounded to 0.1, on the meter's range. */
export function ariaValue(s: MeterState, now: number): number {
  if (!hasSignal(s, now)) return METER_MIN_DB;
  return Math.round(clampDb(s.rmsDbfs) * 10) / 10;
}
