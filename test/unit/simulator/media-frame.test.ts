// The in-place `media` message builder must produce exactly what JSON.stringify would.
import { describe, expect, it } from 'vitest';
import { MediaFrameWriter } from '../../../src/main/simulator/media-frame';

describe('MediaFrameWriter', () => {
  for (const size of [640, 320, 641, 642, 1, 0]) {
    it(`${size}-byte payloads, any timestamp: valid JSON with the right base64`, () => {
      const w = new MediaFrameWriter('60fb0716-87cf-437a-91e6-cdcecae21b43', 'stereo', size);
      for (const ts of [0, 7, 1000.4, 1703825536716, 99999999999999]) {
        const pcm = new Uint8Array(size).map(() => Math.floor(Math.random() * 256));
        const msg = JSON.parse(w.write(ts, pcm).toString('utf8'));
        expect(msg).toEqual({
          timestamp: Math.round(ts),
          event: 'media',
          media: { payload: Buffer.from(pcm).toString('base64') },
          data: { call_id: '60fb0716-87cf-437a-91e6-cdcecae21b43', channel: 'stereo' },
        });
      }
    });
  }
});
