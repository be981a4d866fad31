import { describe, expect, it } from 'vitest';
import {
  ariaValue,
  dbToFraction,
  feedWindow,
  hasSignal,
  newMeterState,
  peakNow,
} from '../../../src/renderer/src/components/live/meter-ballistics';
import { wavPeaks } from '../../../src/renderer/src/components/library/wav-peaks';

describe('meter scale and ballistics', () => {
  it('maps −60..0 dBFS monotonically and not linearly', () => {
    expect(dbToFraction(-60)).toBe(0);
    expect(dbToFraction(0)).toBe(1);
    expect(dbToFraction(-120)).toBe(0);
    let prev = -1;
    for (let db = -60; db <= 0; db += 0.5) {
      const f = dbToFraction(db);
      expect(f).toBeGreaterThan(prev);
      prev = f;
    }
    // The top 20 dB get half the width: more room where speech lives than a linear dB scale gives.
    expect(dbToFraction(-20)).toBeCloseTo(0.4872, 3);
    expect(dbToFraction(-20)).not.toBeCloseTo(2 / 3, 2);
  });

  it('holds the peak 1.5 s, then lets it fall 20 dB/s; clip light held 1.5 s; no signal after 250 ms', () => {
    const s = newMeterState();
    expect(hasSignal(s, 0)).toBe(false);
    feedWindow(s, -9.04, -3, false, 1000);
    expect(ariaValue(s, 1000)).toBe(-9);
    expect(peakNow(s, 2400)).toBe(-3);
    expect(peakNow(s, 3000)).toBeCloseTo(-3 - 10, 5);
    feedWindow(s, -20, -15, false, 1100); // a lower peak does not move a held marker
    expect(peakNow(s, 1200)).toBe(-3);
    feedWindow(s, -1, -0.05, false, 1200);
    expect(s.clipUntil).toBe(2700);
    expect(hasSignal(s, 1450)).toBe(true);
    expect(hasSignal(s, 1451)).toBe(false);
    expect(ariaValue(s, 1451)).toBe(-60);
  });

  it('reads peaks per channel from a 16-bit WAV', () => {
    const frames = 800;
    const bytes = new Uint8Array(44 + frames * 4);
    const v = new DataView(bytes.buffer);
    const put = (o: number, s: string) => [...s].forEach((c, i) => (bytes[o + i] = c.charCodeAt(0)));
    put(0, 'RIFF');
    v.setUint32(4, 36 + frames * 4, true);
    put(8, 'WAVEfmt ');
    v.setUint32(16, 16, true);
    v.setUint16(20, 1, true);
    v.setUint16(22, 2, true);
    v.setUint32(24, 8000, true);
    v.setUint32(28, 32000, true);
    v.setUint16(32, 4, true);
    v.setUint16(34, 16, true);
    put(36, 'data');
    v.setUint32(40, frames * 4, true);
    for (let i = 0; i < frames; i++) v.setInt16(44 + i * 4, 16384, true);
    const p = wavPeaks(bytes, 100)!;
    expect(p).toMatchObject({ channels: 2, sampleRate: 8000, duration: 0.1 });
    expect(p.peaks[0]![0]).toBeCloseTo(0.5, 3);
    expect(p.peaks[1]![0]).toBe(0);
    expect(wavPeaks(new Uint8Array(10))).toBeNull();
  });
});
