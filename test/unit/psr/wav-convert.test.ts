// inspectWav / convertToPsrWav on real files of every common encoding (made by sox) and on bad input.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPsrWav, inspectWav, MAX_ADPCM_SAMPLES } from '../../../src/main/audio/wavefile-convert';
import { decodeWav } from '../../../src/main/audio/wav';
import { mono44Wav, sineWav, tempDir } from './helpers';

let dir: string;
beforeAll(() => (dir = tempDir('psr-wav-')));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function sox(name: string, args: string[]): Buffer {
  const file = path.join(dir, name);
  execFileSync('sox', ['-n', ...args, file, 'synth', '0.5', 'sine', '440', 'vol', '0.5']);
  return fs.readFileSync(file);
}

/** RMS of a 16-bit mono PCM WAV's samples, from its data chunk (for a 44-byte header). */
function rms16(wav: Uint8Array): number {
  const v = new DataView(wav.buffer, wav.byteOffset + 44, wav.byteLength - 44);
  let s = 0;
  const n = Math.floor(v.byteLength / 2);
  for (let i = 0; i < n; i++) s += (v.getInt16(i * 2, true) / 32768) ** 2;
  return Math.sqrt(s / n);
}

describe('inspectWav', () => {
  it('reports rate, depth, channels, duration, size and whether PSR can play it as is', () => {
    const psr = sineWav({ sampleRate: 8000, channels: 1, seconds: 1.5 });
    expect(inspectWav(psr)).toEqual({ sampleRate: 8000, bitDepth: '16', channels: 1, durationSec: 1.5, size: psr.byteLength, isPsrFormat: true });
    expect(inspectWav(sineWav({ sampleRate: 16000, channels: 1, seconds: 1 }))).toMatchObject({ sampleRate: 16000, isPsrFormat: false });
  });
});

describe('convertToPsrWav', () => {
  const cases: Array<[string, string[]]> = [
    ['s16-44k-stereo.wav', ['-r', '44100', '-c', '2', '-b', '16', '-e', 'signed-integer']],
    ['u8-22k-mono.wav', ['-r', '22050', '-c', '1', '-b', '8', '-e', 'unsigned-integer']],
    ['s24-48k-stereo.wav', ['-r', '48000', '-c', '2', '-b', '24', '-e', 'signed-integer']],
    ['s32-16k-mono.wav', ['-r', '16000', '-c', '1', '-b', '32', '-e', 'signed-integer']],
    ['f32-44k-stereo.wav', ['-r', '44100', '-c', '2', '-b', '32', '-e', 'floating-point']],
    ['ulaw-8k-mono.wav', ['-r', '8000', '-c', '1', '-e', 'u-law']],
    ['alaw-8k-mono.wav', ['-r', '8000', '-c', '1', '-e', 'a-law']],
  ];
  for (const [name, args] of cases) {
    it(`${name} → 16-bit 8 kHz mono, same duration, same loudness`, async () => {
      const input = sox(name, args);
      const out = await convertToPsrWav(input);
      const info = inspectWav(out);
      expect(info).toMatchObject({ sampleRate: 8000, bitDepth: '16', channels: 1, isPsrFormat: true });
      expect(info.durationSec).toBeCloseTo(0.5, 2);
      // A 0.5-amplitude sine has an RMS of 0.354; the conversion must neither mute nor clip it.
      expect(rms16(out)).toBeGreaterThan(0.3);
      expect(rms16(out)).toBeLessThan(0.4);
      // sox agrees on the result
      const file = path.join(dir, `out-${name}`);
      fs.writeFileSync(file, out);
      expect(execFileSync('soxi', ['-r', file]).toString().trim()).toBe('8000');
      expect(execFileSync('soxi', ['-c', file]).toString().trim()).toBe('1');
    });
  }

  it('converts 60 s of 44.1 kHz stereo (time printed; the speed is a benchmark matter)', async () => {
    const input = sineWav({ sampleRate: 44100, channels: 2, seconds: 60 });
    const t = performance.now();
    const out = await convertToPsrWav(input);
    const ms = performance.now() - t;
    expect(inspectWav(out).durationSec).toBeCloseTo(60, 1);
    console.log(`convert 60 s 44.1 kHz stereo: ${ms.toFixed(0)} ms`);
  });

  it('rejects what is not a readable WAV, with codes', async () => {
    await expect(convertToPsrWav(Buffer.from('ID3\x03 an mp3 file'))).rejects.toMatchObject({ code: 'WAV_NOT_WAV' });
    expect(() => inspectWav(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'WAV_EMPTY' }));
    expect(() => inspectWav(sineWav({ sampleRate: 8000, channels: 1, seconds: 1 }).subarray(0, 500))).toThrow(
      expect.objectContaining({ code: 'WAV_CORRUPT' }),
    );
  });

  it('refuses a decoding bomb from its header, before decoding (PCM and mu-law alike)', async () => {
    const header = (format: number, bits: number, rate: number, dataLen: number) => mono44Wav(format, rate, bits, dataLen, 0);
    // 40 MB of 8-bit PCM at 1 kHz would be 320 M samples at 8 kHz.
    const pcmBomb = Buffer.concat([header(1, 8, 1000, 40_000_000), Buffer.alloc(40_000_000, 128)]);
    await expect(convertToPsrWav(pcmBomb)).rejects.toMatchObject({ code: 'AUDIO_TOO_LARGE', field: 'audio_file' });
    const ulawBomb = Buffer.concat([header(7, 8, 8000, 20_000_000), Buffer.alloc(20_000_000, 0xff)]);
    await expect(convertToPsrWav(ulawBomb)).rejects.toMatchObject({ code: 'AUDIO_TOO_LARGE', field: 'audio_file' });
  });

  it('decodes G.711 (mu-law, A-law) sample for sample as sox does', () => {
    for (const [name, enc] of [['ulaw-exact.wav', 'u-law'], ['alaw-exact.wav', 'a-law']] as const) {
      const input = sox(name, ['-r', '8000', '-c', '1', '-e', enc]);
      const ref = path.join(dir, `ref-${name}`);
      execFileSync('sox', [path.join(dir, name), '-e', 'signed-integer', '-b', '16', ref]);
      const ours = decodeWav(input).samples[0]!;
      const theirs = decodeWav(fs.readFileSync(ref)).samples[0]!;
      expect(ours.length, name).toBe(theirs.length);
      let diff = 0;
      for (let i = 0; i < ours.length; i++) diff = Math.max(diff, Math.abs(ours[i]! - theirs[i]!));
      expect(diff, name).toBe(0);
    }
  });

  it('refuses an IMA ADPCM WAV past its (one-piece) decoding limit, naming it', async () => {
    const file = path.join(dir, 'long-adpcm.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-e', 'ima-adpcm', file, 'synth', '40', 'sine', '440']);
    await expect(convertToPsrWav(fs.readFileSync(file))).rejects.toMatchObject({ code: 'AUDIO_TOO_LARGE', message: expect.stringContaining(String(MAX_ADPCM_SAMPLES)) });
    const short = sox('short-adpcm.wav', ['-r', '8000', '-c', '1', '-e', 'ima-adpcm']);
    expect(inspectWav(await convertToPsrWav(short))).toMatchObject({ sampleRate: 8000, bitDepth: '16', channels: 1 });
  });
});
