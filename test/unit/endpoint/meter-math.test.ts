import { describe, expect, it } from 'vitest';
import { FrameStatsTracker } from '../../../src/shared/audio/frame-stats';
import { DBFS_FLOOR, LevelMeter } from '../../../src/shared/audio/levels';
import { PcmFrameDecoder, expectedBase64Length } from '../../../src/shared/audio/pcm-layout';
import { EnergyVad } from '../../../src/shared/audio/vad';
import { bytesOf, interleave, randomChunks, rng, sine } from './helpers';

function meterAll(samples: Int16Array, offset = 0, stride = 1, count = samples.length) {
  const windows: Array<{ t: number; peak: number; rms: number; clipped: boolean }> = [];
  new LevelMeter().push(samples, offset, stride, count, (t, peak, rms, clipped) => windows.push({ t, peak, rms, clipped }));
  return windows;
}

describe('PcmFrameDecoder', () => {
  it('rebuilds every stereo sample from random-size payloads that split samples', () => {
    const signal = interleave(sine(440, 1), sine(1000, 1, 0.3));
    const chunks = randomChunks(bytesOf(signal), 37, rng(1));
    const dec = new PcmFrameDecoder('stereo');
    const out: number[] = [];
    let splits = 0;
    for (const c of chunks) {
      const r = dec.push(c);
      if (r.split) splits++;
      for (let i = 0; i < r.samples.length; i++) out.push(r.samples[i]!);
      expect(r.bytes.length).toBe(r.frames * 4);
    }
    expect(splits).toBeGreaterThan(10);
    expect(dec.pendingBytes).toBe(0);
    expect(Int16Array.from(out)).toEqual(signal);
  });

  it('holds a 1-byte payload over and completes it with the next', () => {
    const dec = new PcmFrameDecoder('mono_a');
    expect(dec.push(Uint8Array.of(0x34)).frames).toBe(0);
    expect(dec.pendingBytes).toBe(1);
    const r = dec.push(Uint8Array.of(0x12, 0xff, 0x7f));
    expect(Array.from(r.samples)).toEqual([0x1234, 0x7fff]);
  });

  it('drops a held-over partial frame when the layout changes and reports its length', () => {
    const dec = new PcmFrameDecoder('stereo');
    dec.push(Uint8Array.of(1, 2, 3));
    expect(dec.setLayout('mono_b')).toBe(3);
    expect(Array.from(dec.push(Uint8Array.of(1, 0)).samples)).toEqual([1]);
  });
});

describe('expectedBase64Length', () => {
  it('matches Node for valid text and rejects impossible lengths', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const text = Buffer.alloc(n, 7).toString('base64');
      expect(expectedBase64Length(text)).toBe(n);
      expect(expectedBase64Length(text.replace(/=+$/, ''))).toBe(n);
    }
    expect(expectedBase64Length('abcde')).toBe(-1);
  });
});

describe('LevelMeter', () => {
  it('reads a full-scale sine as 0.0 dBFS peak and −3.0 dBFS RMS', () => {
    // 1 kHz at 8 kHz hits the crest exactly: peak sample 32767.
    const w = meterAll(sine(1000, 0.2, 1));
    expect(w.length).toBe(10);
    for (const x of w) {
      expect(x.peak).toBeCloseTo(0, 1);
      expect(Math.abs(x.rms - -3.0)).toBeLessThanOrEqual(0.1);
      expect(x.clipped).toBe(false);
    }
    expect(w.map((x) => x.t)).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180]);
  });

  it('reads a half-scale sine 6 dB lower, and silence at the floor', () => {
    const half = meterAll(sine(440, 0.2, 0.5));
    expect(Math.abs(half[3]!.rms - -9.03)).toBeLessThan(0.1);
    const silent = meterAll(new Int16Array(1600));
    expect(silent.every((x) => x.peak === DBFS_FLOOR && x.rms === DBFS_FLOOR)).toBe(true);
    expect(DBFS_FLOOR).toBe(-120);
  });

  it('flags clipping (runs at full scale) only in the windows that clip', () => {
    const s = sine(440, 0.1, 0.5);
    for (let i = 200; i < 210; i++) s[i] = 32767; // window 1 (160..319)
    const w = meterAll(s);
    expect(w.map((x) => x.clipped)).toEqual([false, true, false, false, false]);
  });

  it('meters one leg of an interleaved buffer by stride', () => {
    const st = interleave(sine(1000, 0.04, 1), new Int16Array(320));
    const a = meterAll(st, 0, 2, 320);
    const b = meterAll(st, 1, 2, 320);
    expect(a[0]!.peak).toBeCloseTo(0, 1);
    expect(b[0]!.rms).toBe(DBFS_FLOOR);
  });
});

describe('EnergyVad', () => {
  it('turns on after the attack and off only after the hangover', () => {
    const vad = new EnergyVad({ attackWindows: 2, hangoverWindows: 5 });
    const seq = [-90, -20, -20, -90, -90, -90, -90, -20, -90, -90, -90, -90, -90];
    const states = seq.map((db) => (vad.update(db), vad.speaking));
    expect(states).toEqual([false, false, true, true, true, true, true, true, true, true, true, true, false]);
  });
});

describe('FrameStatsTracker', () => {
  it('counts frames, audio vs wall time, a gap, and jitter', () => {
    const st = new FrameStatsTracker();
    let t = 1000;
    for (let i = 0; i < 10; i++, t += 20) st.media(320, 160, t, t);
    t += 500; // PSR paused half a second
    for (let i = 0; i < 5; i++, t += 20) st.media(320, 160, t, t + (i % 2) * 6);
    const s = st.snapshot(t);
    expect(s.frames).toBe(15);
    expect(s.bytes).toBe(4800);
    expect(s.audioSeconds).toBeCloseTo(0.3, 6);
    expect(s.wallSeconds).toBeCloseTo(0.8, 6);
    expect(s.gaps).toBe(1);
    expect(s.jitterMs).toBeGreaterThan(0);
  });
});
