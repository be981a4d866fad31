import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WavRecorder, repairWav, wavHeader } from '../../../src/main/audio/wav-recorder';
import { bytesOf, readWav, sine, tempDir } from './helpers';

describe('WavRecorder', () => {
  it('has a valid header after every flush and holds exactly what was written', async () => {
    const file = path.join(tempDir(), 'a.wav');
    const rec = WavRecorder.create(file, { channels: 1, flushIntervalMs: 0, flushBytes: 1 << 30 });
    expect(readWav(file).dataBytes).toBe(0);
    const s = sine(440, 0.5);
    rec.write(bytesOf(s.subarray(0, 1000)));
    await rec.flush();
    expect(readWav(file).samples[0]).toEqual(s.subarray(0, 1000));
    rec.write(bytesOf(s.subarray(1000)));
    // Not flushed yet: the file still reads as the first part, never as garbage.
    expect(readWav(file).dataBytes).toBe(2000);
    await rec.close();
    expect(readWav(file).samples[0]).toEqual(s);
  });

  it('flushes by itself once a second of audio is pending', async () => {
    const file = path.join(tempDir(), 'b.wav');
    const rec = WavRecorder.create(file, { channels: 2, flushIntervalMs: 0 });
    rec.write(new Uint8Array(8000 * 4 + 4));
    await rec.flush();
    expect(readWav(file).dataBytes).toBe(8000 * 4 + 4);
    await rec.close();
  });

  it('repairWav fixes sizes left stale by a crash between data and header writes', () => {
    const file = path.join(tempDir(), 'c.wav');
    const data = Buffer.alloc(3202, 1); // 800 stereo frames + 2 stray bytes of a partial frame
    fs.writeFileSync(file, Buffer.concat([wavHeader(2, 8000, 400), data]));
    expect(() => readWav(file)).not.toThrow();
    expect(repairWav(file)).toBe(true);
    expect(readWav(file).dataBytes).toBe(3200);
    expect(repairWav(file)).toBe(false);
    fs.writeFileSync(path.join(path.dirname(file), 'x.wav'), 'not a wav');
    expect(repairWav(path.join(path.dirname(file), 'x.wav'))).toBe(false);
  });
});
