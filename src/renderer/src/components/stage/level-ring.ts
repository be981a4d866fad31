// The last seconds of a leg's levels, for the stage's scrolling waveform: one slot per 20 ms level
// window, in a fixed ring (no allocation per event, nothing older than the ring is kept).
import type { Leg, LevelWindow } from '../../../../shared/contract/live';

export const SLOT_MS = 20;
/** 20.48 s of windows: the stage shows 15 s, the rest is slack for a late or early window. */
export const RING_SLOTS = 1024;
export const FLOOR_DB = -60;

export interface LevelRing {
  /** Slot number (t / 20 ms) each entry holds, or −1 when empty. */
  slot: Int32Array;
  /** Peak as a 0..1 height on the −60..0 dBFS scale. */
  peak: Float32Array;
  rms: Float32Array;
  /** Call audio time (ms) where the newest window of this leg ends; 0 before the first. */
  endT: number;
}

export function newLevelRing(): LevelRing {
  return { slot: new Int32Array(RING_SLOTS).fill(-1), peak: new Float32Array(RING_SLOTS), rms: new Float32Array(RING_SLOTS), endT: 0 };
}

export function dbToHeight(db: number): number {
  if (!(db > FLOOR_DB)) return 0;
  return db >= 0 ? 1 : (db - FLOOR_DB) / -FLOOR_DB;
}

export function feedRing(ring: LevelRing, w: Pick<LevelWindow, 't' | 'peakDbfs' | 'rmsDbfs'>): void {
  if (!Number.isFinite(w.t) || w.t < 0) return;
  const n = Math.floor(w.t / SLOT_MS);
  const i = n % RING_SLOTS;
  ring.slot[i] = n;
  ring.peak[i] = dbToHeight(w.peakDbfs);
  ring.rms[i] = dbToHeight(w.rmsDbfs);
  const end = w.t + SLOT_MS;
  if (end > ring.endT) ring.endT = end;
}

/** Ring index holding slot `n` (window starting at n × 20 ms), or −1 when the ring has nothing for it. */
export function indexOf(ring: LevelRing, n: number): number {
  if (n < 0) return -1;
  const i = n % RING_SLOTS;
  return ring.slot[i] === n ? i : -1;
}

/** One ring per leg shown; the stage shows the call's two voice legs. */
export type LevelRings = Map<Leg, LevelRing>;

export function clearRing(ring: LevelRing): void {
  ring.slot.fill(-1);
  ring.endT = 0;
}
