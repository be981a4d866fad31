// How often a call's files are written. Audio in real time: one data write per second of audio and
// the WAV header every few seconds, and the call log's lines of a second in one write, with no
// extra writes from the flush clock. A trickle (or audio that stopped) still reaches the disk,
// header included, within the wait plus one tick of the clock. The clock's time is faked; the
// writes are real.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WavRecorder } from '../../../src/main/audio/wav-recorder';
import { JsonlWriter } from '../../../src/main/endpoint/jsonl-writer';
import { FLUSH_TICK_MS, watchedFlushClients } from '../../../src/main/io/flush-clock';
import { tempDir } from './helpers';

type WriteCall = { fd: number; len: number; position: number | null };

let writes: WriteCall[] = [];
/** While set, writes wait here (a disk that does not answer) until released. */
let held: Array<() => void> | null = null;
beforeEach(() => {
  writes = [];
  held = null;
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  const real = fs.write.bind(fs) as (...a: unknown[]) => void;
  vi.spyOn(fs, 'write').mockImplementation(((...a: unknown[]) => {
    if (typeof a[0] === 'number' && a[1] instanceof Uint8Array) writes.push({ fd: a[0], len: a[3] as number, position: (a[4] as number | null) ?? null });
    if (held) held.push(() => real(...a));
    else real(...a);
  }) as typeof fs.write);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Let the real file writes started so far finish. */
async function settle(p: Promise<unknown>): Promise<void> {
  await p;
}

const FRAME = new Uint8Array(640); // 20 ms of stereo

describe('call file writes', () => {
  it('a recording fed in real time is written once per second of audio, its header every few seconds', async () => {
    const file = path.join(tempDir(), 'steady.wav');
    const rec = WavRecorder.create(file, { channels: 2 });
    for (let i = 0; i < 500; i++) {
      // 10 s of audio, 20 ms at a time, the clock moving with it.
      rec.write(FRAME);
      await vi.advanceTimersByTimeAsync(20);
    }
    await settle(rec.close());
    const data = writes.filter((w) => w.position !== 0);
    const headers = writes.filter((w) => w.position === 0);
    expect(data.map((w) => w.len)).toEqual(Array(10).fill(32000));
    // Every 5 s while streaming (2), and the one on close is not needed: close came right after the last.
    expect(headers.length).toBeGreaterThanOrEqual(2);
    expect(headers.length).toBeLessThanOrEqual(3);
    const h = fs.readFileSync(file).subarray(0, 44);
    expect(h.readUInt32LE(40)).toBe(320000);
    expect(watchedFlushClients()).toBe(0);
  });

  it('a disk that does not answer for seconds does not make the clock queue more writes', async () => {
    const file = path.join(tempDir(), 'slow.wav');
    const rec = WavRecorder.create(file, { channels: 2 });
    held = [];
    for (let i = 0; i < 500; i++) {
      rec.write(FRAME);
      await vi.advanceTimersByTimeAsync(20);
    }
    // Only the first write was issued; release the disk and let everything queued behind it go.
    const release = (): void => {
      const h = held!;
      held = null;
      for (const r of h) r();
    };
    release();
    await rec.close();
    const data = writes.filter((w) => w.position !== 0);
    expect(data.map((w) => w.len)).toEqual(Array(10).fill(32000));
    expect(writes.filter((w) => w.position === 0).length).toBeLessThanOrEqual(3);
    expect(fs.readFileSync(file).subarray(0, 44).readUInt32LE(40)).toBe(320000);
  });

  it('audio that stops is written with its header within the wait plus one tick', async () => {
    const file = path.join(tempDir(), 'trickle.wav');
    const rec = WavRecorder.create(file, { channels: 2 });
    for (let i = 0; i < 60; i++) {
      rec.write(FRAME);
      await vi.advanceTimersByTimeAsync(20);
    }
    // One size flush so far (50 frames); 10 frames are pending and no more will come.
    await vi.advanceTimersByTimeAsync(1000 + FLUSH_TICK_MS);
    await settle(rec.settled());
    const h = fs.readFileSync(file).subarray(0, 44);
    expect(h.readUInt32LE(40)).toBe(60 * 640);
    expect(fs.statSync(file).size).toBe(44 + 60 * 640);
    await rec.close();
  });

  it("a call log's second of media lines is one write", async () => {
    const file = path.join(tempDir(), 'log.events.jsonl');
    const w = new JsonlWriter(file);
    const line = JSON.stringify({ seq: 0, at: 1, dir: 'in', type: 'media', size: 964, summary: 'media 640 B, 20.0 ms stereo', json: 'x'.repeat(170), msg: { code: 'frame.media', params: {} } });
    for (let i = 0; i < 500; i++) {
      w.writeLine(line);
      await vi.advanceTimersByTimeAsync(20);
    }
    await w.close();
    const logWrites = writes.filter((x) => x.position === null);
    // 10 s of lines: about one write a second (the clock's tick decides the edge), never one per line.
    expect(logWrites.length).toBeGreaterThanOrEqual(9);
    expect(logWrites.length).toBeLessThanOrEqual(11);
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(500);
  });
});
