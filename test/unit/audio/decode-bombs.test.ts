// Decoding bombs: a small WAV that would decode to a huge signal is refused from its header, before any
// decoding, with a code naming the limit; long files are converted in slices that let the event loop
// run, and the sliced result equals resampling the whole signal.
import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/shared/audio/resample';
import { floatToInt16 } from '../../../src/main/audio/pcm';
import { MAX_DECODED_SAMPLES, wavToPsrPcmAsync } from '../../../src/main/audio/psr-pcm';
import { decodeWav } from '../../../src/main/audio/wav';
import { wavToPsrPcm } from '../../../src/main/audio/psr-pcm';
import { toPsrPcm } from '../../../src/main/endpoint/audio-source';

/** A WAV header claiming `dataLen` bytes, followed by `bodyLen` bytes of (zero) samples. */
function wav(opts: { rate: number; bits: number; channels: number; dataLen: number; bodyLen?: number; fill?: (i: number) => number }): Uint8Array {
  const body = opts.bodyLen ?? opts.dataLen;
  const b = Buffer.alloc(44 + body);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + opts.dataLen, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(opts.channels, 22);
  b.writeUInt32LE(opts.rate, 24);
  b.writeUInt32LE((opts.rate * opts.channels * opts.bits) / 8, 28);
  b.writeUInt16LE((opts.channels * opts.bits) / 8, 32);
  b.writeUInt16LE(opts.bits, 34);
  b.write('data', 36);
  b.writeUInt32LE(opts.dataLen, 40);
  if (opts.fill) for (let i = 0; i < body / 2; i++) b.writeInt16LE(opts.fill(i), 44 + i * 2);
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
