// The recorder reuses its two pending buffers (one filling while the other is written): whatever the
// interleaving of writes and flushes, the file must hold exactly the bytes written, in order.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WavRecorder } from '../../../src/main/audio/wav-recorder';
import { readWav, rng, tempDir } from './helpers';

describe('WavRecorder buffer reuse', () => {
  it('keeps every byte in order across many flushes, some started while the previous one is still writing', async () => {
    const file = path.join(tempDir(), 'reuse.wav');
    // Tiny flush threshold: a flush every few frames, so buffers change hands hundreds of times.
    const rec = WavRecorder.create(file, { channels: 2, flushIntervalMs: 0, flushBytes: 2000 });
    const rand = rng(7);
    const sent: number[] = [];
    let v = 0;
    const pending: Promise<void>[] = [];
    for (let f = 0; f < 600; f++) {
      // 1..400 stereo frames per write; now and then a burst bigger than the buffers (they must grow).
      const frames = f % 97 === 0 ? 5000 : 1 + Math.floor(rand() * 400);
      const samples = new Int16Array(frames * 2);
      for (let i = 0; i < samples.length; i++) samples[i] = v++ % 32000;
      for (const x of samples) sent.push(x);
      rec.write(new Uint8Array(samples.buffer));
      // An explicit flush now and then, without waiting: it overlaps the automatic ones.
      if (f % 7 === 0) pending.push(rec.flush());
      if (f % 50 === 0) await rec.flush();
    }
    await Promise.all(pending);
    await rec.close();
    expect(rec.error).toBeNull();
    const wav = readWav(file);
    expect(wav.channels).toBe(2);
    const got = new Int16Array(sent.length);
    for (let i = 0; i < sent.length / 2; i++) {
      got[2 * i] = wav.samples[0]![i]!;
      got[2 * i + 1] = wav.samples[1]![i]!;
    }
    expect(wav.dataBytes).toBe(sent.length * 2);
    expect(Array.from(got)).toEqual(sent);
  });
});
