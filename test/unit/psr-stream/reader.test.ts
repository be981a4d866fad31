// The frame reader, tested like ws tests its Receiver: raw frames in, typed frames (or codes) out.
import { describe, expect, it } from 'vitest';
import {
  PayloadScratch,
  TOO_DEEP_FOR_LOG,
  messageForLog,
  readActionFrame,
  readPsrFrame,
  streamErrorCodes,
} from '../../../src/shared/psr-stream';
import { actionFrames, psrFrames, type TableRow } from './frame-table';

function check(row: TableRow, got: Record<string, unknown>): void {
  expect(got.type, row.name).toBe(row.expect.type);
  if (row.expect.code) expect(got.code, row.name).toBe(row.expect.code);
  if (row.expect.audio) expect(Array.from(got.audio as Uint8Array), row.name).toEqual(Array.from(row.expect.audio));
  for (const [k, v] of Object.entries(row.expect.extra ?? {})) expect(got[k], `${row.name}: ${k}`).toEqual(v);
  if (got.type === 'bad') {
    expect(streamErrorCodes).toHaveProperty(got.code as string);
    expect(String(got.detail).length).toBeGreaterThan(5);
  }
}

describe('readPsrFrame: every frame PSR can send', () => {
  for (const row of psrFrames) {
    it(row.name, () => {
      check(row, readPsrFrame(row.frame, row.binary ?? false) as never);
      // Same result from the frame's bytes (what a socket delivers) and with a scratch buffer.
      const bytes = typeof row.frame === 'string' ? new TextEncoder().encode(row.frame) : row.frame;
      check(row, readPsrFrame(bytes, row.binary ?? false, { scratch: new PayloadScratch(4) }) as never);
    });
  }

  it('decodes into the caller scratch without allocating a new buffer per frame', () => {
    const scratch = new PayloadScratch(1024);
    const buffer = scratch.bytes.buffer;
    const f1 = readPsrFrame(psrFrames[1]!.frame, false, { scratch });
    const f2 = readPsrFrame(psrFrames[2]!.frame, false, { scratch });
    expect(f1.type === 'media' && f1.audio.buffer).toBe(buffer);
    expect(f2.type === 'media' && f2.audio.buffer).toBe(buffer);
  });

  it('grows the scratch for a payload larger than it', () => {
    const scratch = new PayloadScratch(4);
    const big = new Uint8Array(10_000).map((_, i) => i & 255);
    const f = readPsrFrame(JSON.stringify({ event: 'media', media: { payload: Buffer.from(big).toString('base64') } }), false, { scratch });
    expect(f.type).toBe('media');
    expect(Buffer.from((f as { audio: Uint8Array }).audio).equals(Buffer.from(big))).toBe(true);
  });

  it('refuses text over the size limit before parsing it', () => {
    const f = readPsrFrame('{"event":"media"' + ' '.repeat(100) + '}', false, { maxTextBytes: 50 });
    expect(f).toMatchObject({ type: 'bad', code: 'FRAME_TOO_LARGE' });
  });

  it('reads data.call_id and timestamp only when they have the right type', () => {
    const f = readPsrFrame('{"event":"connected","timestamp":"soon","data":{"call_id":5}}', false);
    expect(f).toMatchObject({ type: 'connected', callId: null, timestamp: null, channel: null, badChannel: false });
  });
});

describe('readActionFrame: every action a bot can send', () => {
  for (const row of actionFrames) {
    it(row.name, () => {
      check(row, readActionFrame(row.frame, row.binary ?? false) as never);
      const bytes = typeof row.frame === 'string' ? new TextEncoder().encode(row.frame) : row.frame;
      check(row, readActionFrame(bytes, row.binary ?? false, { scratch: new PayloadScratch(4) }) as never);
    });
  }
});

describe('messageForLog', () => {
  it('elides the payload and never throws, however deep the message', () => {
    expect(messageForLog({ event: 'media', media: { payload: 'AAAAAAAA', is_sync: true } })).toBe('{"event":"media","media":{"payload":"<6 bytes base64>","is_sync":true}}');
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(messageForLog({ event: 'x', deep })).toBe(TOO_DEEP_FOR_LOG);
  });
});
