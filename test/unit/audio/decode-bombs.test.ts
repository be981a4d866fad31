// Decoding bombs: a small WAV that would decode to a huge signal is refused from its header, before any
// decoding, with a code naming the limit; long files are converted in slices that let the event loop
// run, and the sliced result equals resampling the whole signal.
import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/shared/audio/resample';
import { floatToInt16 } from '../../../src/main/audio/pcm';
import { MAX_DECODED_SAMPLES, psrPcmSlices, SLICE_WORK, wavToPsrPcm, wavToPsrPcmAsync } from '../../../src/main/audio/psr-pcm';
import { decodeWav } from '../../../src/main/audio/wav';
import { mixToMono } from '../../../src/main/audio/pcm';
import { toPsrPcm } from '../../../src/main/endpoint/audio-source';

/** A WAV header claiming `dataLen` bytes, followed by `bodyLen` bytes of (zero) samples. */
function wav(opts: { rate: number; bits: number; channels: number; dataLen: number; bodyLen?: number; fill?: (i: number) => number; float?: boolean }): Uint8Array {
  const body = opts.bodyLen ?? opts.dataLen;
  const b = Buffer.alloc(44 + body);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + opts.dataLen, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(opts.float ? 3 : 1, 20);
  b.writeUInt16LE(opts.channels, 22);
  b.writeUInt32LE(opts.rate, 24);
  b.writeUInt32LE((opts.rate * opts.channels * opts.bits) / 8, 28);
  b.writeUInt16LE((opts.channels * opts.bits) / 8, 32);
  b.writeUInt16LE(opts.bits, 34);
  b.write('data', 36);
  b.writeUInt32LE(opts.dataLen, 40);
  if (opts.fill && opts.bits === 16) for (let i = 0; i < body / 2; i++) b.writeInt16LE(opts.fill(i), 44 + i * 2);
  else if (opts.fill) for (let i = 0; i < body; i++) b.writeUInt8(opts.fill(i) & 0xff, 44 + i);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

describe('decoding bombs', () => {
  it('refuses an 8-bit 1 kHz WAV of 19 MB (152 M samples at 8 kHz) before decoding, naming the limit', () => {
    const bomb = wav({ rate: 1000, bits: 8, channels: 1, dataLen: 19_000_000 });
    expect(() => wavToPsrPcm(bomb)).toThrow(expect.objectContaining({ code: 'AUDIO_TOO_LARGE', message: expect.stringContaining(String(MAX_DECODED_SAMPLES)) }));
    expect(() => decodeWav(bomb)).toThrow(expect.objectContaining({ code: 'AUDIO_TOO_LARGE' }));
  });

  it('refuses a file that stays under the decoded limit but would resample past 30 minutes', async () => {
    const upsample = wav({ rate: 1000, bits: 8, channels: 1, dataLen: 2_000_000 });
    await expect(wavToPsrPcmAsync(upsample)).rejects.toMatchObject({ code: 'AUDIO_TOO_LARGE', message: expect.stringMatching(/limit is 30 minutes/) });
  });

  it('the endpoint file source refuses it with the code too', async () => {
    await expect(toPsrPcm({ kind: 'wav', bytes: wav({ rate: 1000, bits: 8, channels: 1, dataLen: 19_000_000 }) } as never)).rejects.toMatchObject({ code: 'AUDIO_TOO_LARGE' });
  });
});

describe('sliced conversion', () => {
  it('equals resampling the whole signal, at 16 kHz and 44.1 kHz', async () => {
    for (const rate of [16000, 44100, 11025]) {
      const n = rate * 3;
      const bytes = wav({ rate, bits: 16, channels: 1, dataLen: n * 2, fill: (i) => Math.round(12000 * Math.sin((2 * Math.PI * 440 * i) / rate) + 3000 * Math.sin(i / 7)) });
      const whole = floatToInt16(resample(decodeWav(bytes).samples[0]!, rate, 8000));
      const sliced = await wavToPsrPcmAsync(bytes);
      expect(sliced.length).toBe(whole.length);
      let diff = 0;
      for (let i = 0; i < whole.length; i++) diff = Math.max(diff, Math.abs(sliced[i]! - whole[i]!));
      expect(diff, `rate ${rate}`).toBeLessThanOrEqual(1);
      expect(wavToPsrPcm(bytes)).toEqual(sliced);
    }
  });

  it('lets the event loop run many times while converting a long file', async () => {
    const rate = 44100;
    const bytes = wav({ rate, bits: 16, channels: 1, dataLen: rate * 60 * 2, fill: (i) => (i * 37) % 20000 });
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const pcm = await wavToPsrPcmAsync(bytes);
    running = false;
    expect(pcm.length).toBe(8000 * 60);
    // 60 s of output in 0.25 s slices: the loop ran between (nearly) every slice.
    expect(ticks).toBeGreaterThan(200);
  });
});

/** Runs the slices to the end; returns the PCM and the largest slice's work (sample reads). */
function measureSlices(bytes: Uint8Array): { pcm: Int16Array; largest: number; slices: number } {
  const steps = psrPcmSlices(bytes);
  let largest = 0;
  let slices = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { pcm: r.value, largest, slices };
    slices++;
    largest = Math.max(largest, r.value);
  }
}

describe('every step of the conversion is sliced', () => {
  it('no slice reads more than SLICE_WORK samples, whatever the layout and rate (co-prime and extreme rates included)', () => {
    const layouts = [
      { rate: 8000, bits: 16, channels: 1, seconds: 70 },
      { rate: 44100, bits: 24, channels: 2, seconds: 8 },
      { rate: 44101, bits: 16, channels: 1, seconds: 6 },
      { rate: 384000, bits: 32, channels: 1, seconds: 2 },
      { rate: 1000, bits: 8, channels: 1, seconds: 60 },
      { rate: 48000, bits: 16, channels: 16, seconds: 4 },
    ];
    for (const l of layouts) {
      const frames = l.rate * l.seconds;
      const bytes = wav({ rate: l.rate, bits: l.bits, channels: l.channels, dataLen: frames * l.channels * (l.bits / 8), fill: (i) => (i * 37) % 20000 });
      const { pcm, largest, slices } = measureSlices(bytes);
      const label = `${l.rate} Hz ${l.bits}-bit ×${l.channels}`;
      expect(pcm.length, label).toBe(Math.round((frames * 8000) / l.rate));
      expect(largest, label).toBeLessThanOrEqual(SLICE_WORK);
      // The decode step alone reads every sample once: it cannot have been one piece.
      expect(slices, label).toBeGreaterThanOrEqual(Math.ceil((frames * l.channels) / SLICE_WORK));
    }
  });

  it('mixes channels to mono as the average, float WAVs included', () => {
    const frames = 5000;
    const bytes = wav({ rate: 8000, bits: 32, channels: 2, dataLen: frames * 8, float: true });
    const view = new DataView(bytes.buffer, bytes.byteOffset + 44);
    for (let i = 0; i < frames; i++) {
      view.setFloat32(i * 8, Math.sin(i / 10) * 0.5, true);
      view.setFloat32(i * 8 + 4, Math.cos(i / 7) * 0.3, true);
    }
    const expected = mixToMono(decodeWav(bytes).samples);
    const pcm = wavToPsrPcm(bytes);
    let diff = 0;
    for (let i = 0; i < frames; i++) diff = Math.max(diff, Math.abs(pcm[i]! - Math.round(expected[i]! * 32768)));
    expect(diff).toBeLessThanOrEqual(1);
  });

  it('the largest file allowed (16 M samples: 17.5 min of 8-bit stereo at 8 kHz) lets a ticker run between its slices, decode step included', async () => {
    const frames = MAX_DECODED_SAMPLES / 2;
    const bytes = wav({ rate: 8000, bits: 8, channels: 2, dataLen: frames * 2, fill: (i) => i * 7 });
    const expectedSlices = Math.ceil(MAX_DECODED_SAMPLES / SLICE_WORK) + Math.ceil(frames / SLICE_WORK);
    let ticks = 0;
    let ticksBeforeDecodeEnds = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    // The first step (decode + mix) alone is 64 slices: count the ticks while it runs.
    const steps = psrPcmSlices(bytes);
    let pcm: Int16Array | null = null;
    let slice = 0;
    for (;;) {
      const r = steps.next();
      if (r.done) {
        pcm = r.value;
        break;
      }
      slice++;
      if (slice === MAX_DECODED_SAMPLES / SLICE_WORK) ticksBeforeDecodeEnds = ticks;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    running = false;
    expect(pcm.length).toBe(frames);
    expect(pcm[1]).toBe(Math.round(((((7 * 2) & 0xff) - 128) / 128 + ((((7 * 3) & 0xff) - 128) / 128)) / 2 * 32768));
    expect(slice).toBe(expectedSlices);
    expect(ticksBeforeDecodeEnds).toBeGreaterThan(MAX_DECODED_SAMPLES / SLICE_WORK / 2);
    expect(ticks).toBeGreaterThan(expectedSlices / 2);
    // And the public async form interleaves the same way.
    let asyncTicks = 0;
    running = true;
    const tick2 = () => {
      asyncTicks++;
      if (running) setImmediate(tick2);
    };
    setImmediate(tick2);
    const viaAsync = await wavToPsrPcmAsync(bytes);
    running = false;
    // (Compared as bytes: a deep equality over 8 M elements takes minutes.)
    expect(Buffer.from(viaAsync.buffer).equals(Buffer.from(pcm.buffer))).toBe(true);
    expect(asyncTicks).toBeGreaterThan(expectedSlices / 2);
  }, 60_000);
});
