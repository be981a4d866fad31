import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/shared/audio/resample';
import { decodeWav, encodeWav16 } from '../../../src/main/audio/wav';
import { wavToPsrPcm } from '../../../src/main/audio/psr-pcm';
import { decodeMp3, Mp3Encoder, StreamingMp3Decoder } from '../../../src/main/audio/mp3';
import { floatToInt16, int16ToFloat } from '../../../src/main/audio/pcm';
import { bestCorrelation, locate, sweep, tones } from './audio-helpers';

function wavBytes(opts: { rate: number; channels: number; bits: number; float?: boolean; data: Float32Array }): Uint8Array {
  const { rate, channels, bits, data } = opts;
  const bps = bits / 8;
  const dataLen = data.length * channels * bps;
  const out = new Uint8Array(44 + dataLen);
  const v = new DataView(out.buffer);
  const put = (o: number, s: string) => [...s].forEach((ch, i) => v.setUint8(o + i, ch.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + dataLen, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, opts.float ? 3 : 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * channels * bps, true);
  v.setUint16(32, channels * bps, true);
  v.setUint16(34, bits, true);
  put(36, 'data');
  v.setUint32(40, dataLen, true);
  let p = 44;
  for (let i = 0; i < data.length; i++) {
    for (let c = 0; c < channels; c++, p += bps) {
      const s = data[i]!;
      if (opts.float) v.setFloat32(p, s, true);
      else if (bits === 8) v.setUint8(p, Math.round(s * 127) + 128);
      else if (bits === 16) v.setInt16(p, Math.round(s * 32767), true);
      else if (bits === 24) {
        const x = Math.round(s * 8388607);
        v.setUint8(p, x & 0xff);
        v.setUint8(p + 1, (x >> 8) & 0xff);
        v.setInt8(p + 2, x >> 16);
      } else v.setInt32(p, Math.round(s * 2147483647), true);
    }
  }
  return out;
}

describe('decodeWav', () => {
  const src = tones(8000, 0.2);
  for (const f of [
    { bits: 8 },
    { bits: 16 },
    { bits: 24 },
    { bits: 32 },
    { bits: 32, float: true },
  ]) {
    it(`reads ${f.bits}-bit ${f.float ? 'float' : 'int'} stereo`, () => {
      const w = decodeWav(wavBytes({ rate: 8000, channels: 2, data: src, ...f }));
      expect(w).toMatchObject({ sampleRate: 8000, channels: 2, bitDepth: f.bits });
      expect(w.samples[1]!.length).toBe(src.length);
      const tol = f.bits === 8 ? 0.02 : 1e-3;
      for (let i = 0; i < src.length; i += 97) expect(Math.abs(w.samples[1]![i]! - src[i]!)).toBeLessThan(tol);
    });
  }
  it('rejects non-RIFF, non-PCM and headerless input with stable codes', () => {
    expect(() => decodeWav(new TextEncoder().encode('hello, this is not a wav file'))).toThrow(expect.objectContaining({ code: 'WAV_NOT_WAV' }));
    const alaw = wavBytes({ rate: 8000, channels: 1, bits: 16, data: src });
    new DataView(alaw.buffer).setUint16(20, 6, true);
    expect(() => decodeWav(alaw)).toThrow(expect.objectContaining({ code: 'WAV_UNSUPPORTED_FORMAT' }));
    const noData = wavBytes({ rate: 8000, channels: 1, bits: 16, data: src }).slice(0, 36);
    expect(() => decodeWav(noData)).toThrow(expect.objectContaining({ code: 'WAV_NO_DATA' }));
  });
  it('round-trips encodeWav16', () => {
    const a = floatToInt16(src);
    const w = decodeWav(encodeWav16([a, new Int16Array(a.length)], 8000));
    expect(w.channels).toBe(2);
    expect(floatToInt16(w.samples[0]!)).toEqual(a);
  });
});

describe('resample', () => {
  it('16 kHz → 8 kHz keeps speech-band content and removes what 8 kHz cannot carry', () => {
    const inBand = sweep(16000, 1, 200, 3400);
    const out = resample(inBand, 16000, 8000);
    expect(out.length).toBe(8000);
    const ref = sweep(8000, 1, 200, 3400);
    expect(bestCorrelation(ref.subarray(100, 7800), out.subarray(100, 7800), -2, 2).corr).toBeGreaterThan(0.99);
    const alias = resample(tones(16000, 0.5, [6000], 0.3), 16000, 8000);
    let e = 0;
    for (let i = 200; i < alias.length - 200; i++) e += alias[i]! * alias[i]!;
    expect(Math.sqrt(e / (alias.length - 400))).toBeLessThan(0.01);
  });
  it('upsamples 8 kHz → 44.1 kHz', () => {
    const out = resample(sweep(8000, 0.5, 200, 3000), 8000, 44100);
    expect(out.length).toBe(22050);
    const ref = sweep(44100, 0.5, 200, 3000);
    expect(bestCorrelation(ref.subarray(500, 21000), out.subarray(500, 21000), -3, 3).corr).toBeGreaterThan(0.99);
  });
  it('wavToPsrPcm turns a 44.1 kHz 24-bit stereo WAV into 8 kHz mono 16-bit', () => {
    const pcm = wavToPsrPcm(wavBytes({ rate: 44100, channels: 2, bits: 24, data: sweep(44100, 0.5, 300, 3000) }));
    expect(pcm.length).toBe(4000);
    expect(bestCorrelation(sweep(8000, 0.5, 300, 3000).subarray(100, 3900), int16ToFloat(pcm).subarray(100, 3900), -2, 2).corr).toBeGreaterThan(0.99);
  });
});

describe('mp3', () => {
  it('encodes 8 kHz mono and decodes it back (whole and in split chunks)', async () => {
    const src = floatToInt16(sweep(8000, 1.5, 250, 3000, 0.4));
    const enc = new Mp3Encoder(8000, 32);
    const parts = [enc.encode(src), enc.flush()];
    const mp3 = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      mp3.set(p, o);
      o += p.length;
    }
    expect(mp3.length).toBeGreaterThan(1000);
    const whole = await decodeMp3(mp3);
    expect(whole.sampleRate).toBe(8000);
    expect(locate(int16ToFloat(src).subarray(800, 10000), whole.samples).corr).toBeGreaterThan(0.9);
    // Arbitrary split points: frames cut in half must still decode.
    const dec = new StreamingMp3Decoder();
    const pieces: Float32Array[] = [];
    for (let i = 0; i < mp3.length; i += 333) pieces.push((await dec.decode(mp3.subarray(i, i + 333))).samples);
    dec.free();
    const joined = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
    o = 0;
    for (const p of pieces) {
      joined.set(p, o);
      o += p.length;
    }
    expect(Math.abs(joined.length - whole.samples.length)).toBeLessThan(1200);
    expect(locate(int16ToFloat(src).subarray(800, 10000), joined).corr).toBeGreaterThan(0.9);
  });
});
