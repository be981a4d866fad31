// The one base64 rule and the builders: what the builders make, the reader reads back unchanged.
import { describe, expect, it } from 'vitest';
import {
  MediaFrameWriter,
  base64DecodedLength,
  chunkAction,
  closedMessage,
  connectedMessage,
  decodeBase64,
  describeAction,
  encodeBase64,
  frameText,
  hangupAction,
  mediaAction,
  mediaMessage,
  readActionFrame,
  readPsrFrame,
  transferAction,
} from '../../../src/shared/psr-stream';

describe('base64', () => {
  it('matches Node for every length 0..300 and random bytes, padded and unpadded', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = new Uint8Array(n).map(() => Math.floor(Math.random() * 256));
      const text = Buffer.from(bytes).toString('base64');
      expect(encodeBase64(bytes)).toBe(text);
      expect(base64DecodedLength(text)).toBe(n);
      expect(Buffer.from(decodeBase64(text)!).equals(Buffer.from(bytes))).toBe(true);
      const unpadded = text.replace(/=+$/, '');
      expect(Buffer.from(decodeBase64(unpadded)!).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('refuses anything outside the rule', () => {
    for (const bad of ['A', 'AAAAA', 'QUJDRA=', 'QQ=', 'Q===', 'QQ==QUJD', 'AB CD', 'AB\nCD', 'ab-_', 'QUJĀ', 'QU\u0141D', '====']) {
      expect(decodeBase64(bad), bad).toBeNull();
    }
  });
});

describe('builders → reader', () => {
  const f = { callId: 'b-1', channel: 'stereo' as const, timestamp: 1703825536716.4 };
  const pcm = new Uint8Array(640).map((_, i) => (i * 7) & 255);

  it("PSR's frames read back as what was built", () => {
    expect(readPsrFrame(frameText(connectedMessage(f)), false)).toMatchObject({ type: 'connected', callId: 'b-1', channel: 'stereo', timestamp: 1703825536716 });
    expect(readPsrFrame(frameText(closedMessage(f)), false)).toMatchObject({ type: 'closed', callId: 'b-1' });
    const m = readPsrFrame(frameText(mediaMessage(f, pcm)), false);
    expect(m.type === 'media' && Buffer.from(m.audio).equals(Buffer.from(pcm))).toBe(true);
  });

  for (const size of [640, 320, 641, 642, 1, 0]) {
    it(`MediaFrameWriter (${size}-byte payloads) writes the same JSON as mediaMessage, frame after frame in one buffer`, () => {
      const w = new MediaFrameWriter('b-1', 'mono_b', size);
      for (const ts of [0, 7, 1000.4, 1703825536716, 99999999999999]) {
        const bytes = new Uint8Array(size).map(() => Math.floor(Math.random() * 256));
        const buf = w.write(ts, bytes);
        expect(buf).toBe(w.buf);
        expect(JSON.parse(new TextDecoder().decode(buf))).toEqual(mediaMessage({ ...f, channel: 'mono_b', timestamp: ts }, bytes));
      }
    });
  }

  it('actions read back as what was built', () => {
    const wav = new Uint8Array([82, 73, 70, 70, 1, 2, 3]);
    expect(readActionFrame(frameText(mediaAction(wav, true)), false)).toMatchObject({ type: 'media', isSync: true, audio: wav });
    expect(readActionFrame(frameText(chunkAction(pcm, 'pcm16')), false)).toMatchObject({ type: 'chunk', format: 'pcm16' });
    expect(readActionFrame(frameText(transferAction('205')), false)).toMatchObject({ type: 'transfer', extension: '205', misspelled: false });
    expect(readActionFrame(frameText(hangupAction()), false)).toMatchObject({ type: 'hangup' });
  });

  it('describes an action the same way built or read', () => {
    const msgs = [mediaAction(new Uint8Array(10), false), chunkAction(pcm, 'mp3'), transferAction('9'), hangupAction()];
    for (const m of msgs) expect(describeAction(m)).toBe(describeAction(readActionFrame(frameText(m), false)));
    expect(describeAction(mediaAction(new Uint8Array(10), false))).toBe('WAV 10 B, is_sync=false');
  });
});
