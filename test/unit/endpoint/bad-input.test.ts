// Every kind of bad input from PSR's side, sent in the middle of a call: each is logged with its
// stable code and counted, and the call and its recording go on exactly.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/shared/contract/live';
import { bytesOf, interleave, makeService, psrClient, readWav, sine } from './helpers';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('bad input never kills a call', () => {
  it('logs, counts and skips each bad frame; the recording holds exactly the good audio', async () => {
    const h = makeService({ limits: { softFrameLimit: 64 * 1024 } });
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const a = sine(440, 1, 0.5);
    const b = sine(880, 1, 0.5);
    const good = bytesOf(interleave(a, b));
    const part = (i: number) => good.subarray(i * 3200, (i + 1) * 3200); // 100 ms each
    const c = await psrClient(url, { call_id: 'bad-1', tenant: 't' });

    await c.media(part(0), 'stereo'); // media before connected: recorded, flagged
    await c.connected('stereo');
    await c.media(part(1), 'stereo');
    await c.send('hangup'); // non-JSON text
    await c.send(Buffer.from([1, 2, 3, 4]), true); // binary frame
    await c.json({ event: 'media', media: { payload: '@@@@not*base64!' }, data: { channel: 'stereo' } }); // bad base64
    await c.json({ event: 'media', media: { payload: 'QUJDRA=' }, data: { channel: 'stereo' } }); // impossible base64 length... (7 chars)
    await c.json({ event: 'dtmf', digit: '5' }); // unknown event
    await c.json([1, 2, 3]); // JSON, wrong shape
    await c.json({ event: 'media', media: {} }); // no payload
    await c.send(Buffer.from('{"event":"dtmf","digit":"\xff"}', 'latin1')); // a text frame that is not UTF-8
    // Characters above U+00FF in a payload: Node's decoder would read 'Ł' (U+0141) as 'A'.
    const wide = 'Ł'.repeat(852) + 'AAAA';
    await c.json({ timestamp: 1, event: 'media', media: { payload: wide }, data: { channel: 'stereo' } });
    await c.send(`{"timestamp":2,"event":"media","media":{"payload":"${wide.replaceAll('Ł', '\\u0141')}"},"data":{"channel":"stereo"}}`);
    // Nested too deep, with and without the leading timestamp the frame memo reads.
    const payload = Buffer.from(part(2)).toString('base64');
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    await c.send(`{"timestamp":3,"event":"media","media":{"payload":"${payload}"},"data":{"channel":"stereo","x":${deep}}}`);
    await c.send(`{"event":"media","media":{"payload":"${payload}"},"data":{"channel":"stereo","x":${deep}}}`);
    await c.send(JSON.stringify({ event: 'media', media: { payload: 'A'.repeat(70 * 1024) }, data: { channel: 'stereo' } })); // oversized (soft limit)
    await c.connected('stereo'); // duplicate connected
    await c.json({ event: 'media', media: { payload: Buffer.from(part(2)).toString('base64') }, data: { channel: 'quad' } }); // bad channel: recorded as current layout
    // Payloads that are not a whole number of samples: 3 + (3200 - 3) bytes.
    await c.media(part(3).subarray(0, 3), 'stereo');
    await c.media(part(3).subarray(3), 'stereo');
    for (let i = 4; i < 10; i++) await c.media(part(i), 'stereo');
    c.ws.terminate(); // socket dropped without closed

    const info = await h.ended('bad-1');
    expect(info.reason).toBe('dropped');
    expect(info.stats.errors).toMatchObject({
      FRAME_MEDIA_BEFORE_CONNECTED: 1,
      FRAME_NOT_JSON: 1,
      FRAME_BINARY: 1,
      FRAME_BAD_UTF8: 1,
      FRAME_BAD_BASE64: 4,
      FRAME_TOO_DEEP: 2,
      FRAME_UNKNOWN_EVENT: 1,
      FRAME_BAD_SHAPE: 1,
      FRAME_NO_PAYLOAD: 1,
      FRAME_TOO_LARGE: 1,
      FRAME_DUPLICATE_CONNECTED: 1,
      FRAME_BAD_CHANNEL: 1,
      FRAME_PARTIAL_SAMPLE: 2,
      CALL_DROPPED: 1,
    });
    const wav = readWav(path.join(h.recordingsDir, 'bad-1.wav'));
    expect(wav.samples[0]).toEqual(a);
    expect(wav.samples[1]).toEqual(b);
    const log = fs.readFileSync(path.join(h.recordingsDir, 'bad-1.events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LogEntry);
    const codes = new Set(log.map((e) => e.code).filter(Boolean));
    for (const code of Object.keys(info.stats.errors)) expect(codes.has(code)).toBe(true);
    // Logged in the same order they were sent.
    expect(log.find((e) => e.code === 'FRAME_NOT_JSON')!.seq).toBeLessThan(log.find((e) => e.code === 'FRAME_BINARY')!.seq);
  });

  it('closes only the offending socket with 1009 above the hard frame limit, keeping what was recorded', async () => {
    const h = makeService({ limits: { maxPayload: 32 * 1024 } });
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const s = sine(440, 0.5);
    const c = await psrClient(url, { call_id: 'huge-1' });
    const other = await psrClient(url, { call_id: 'fine-1' });
    await c.connected('mono_a');
    await other.connected('mono_a');
    await c.media(bytesOf(s), 'mono_a');
    const closeCode = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    await c.send('x'.repeat(40 * 1024));
    expect(await closeCode).toBe(1009);
    const info = await h.ended('huge-1');
    expect(info.stats.errors.FRAME_TOO_LARGE).toBe(1);
    expect(readWav(path.join(h.recordingsDir, 'huge-1.wav')).samples[0]).toEqual(s);
    // The other call is untouched.
    await other.media(bytesOf(s), 'mono_a');
    await other.closed();
    expect((await h.ended('fine-1')).reason).toBe('closed');
    expect(readWav(path.join(h.recordingsDir, 'fine-1.wav')).samples[0]).toEqual(s);
  });

  it('flags a channel change mid-call and keeps recording in the first layout', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const a = sine(440, 0.2);
    const b = sine(660, 0.2);
    const c = await psrClient(url, { call_id: 'chg-1' });
    await c.connected('stereo');
    await c.media(bytesOf(interleave(a, b)), 'stereo');
    await c.media(bytesOf(a), 'mono_a');
    await c.closed();
    const info = await h.ended('chg-1');
    expect(info.stats.errors.FRAME_CHANNEL_CHANGED).toBe(1);
    const wav = readWav(path.join(h.recordingsDir, 'chg-1.wav'));
    expect(wav.channels).toBe(2);
    expect(wav.samples[0]).toEqual(Int16Array.from([...a, ...a]));
    expect(wav.samples[1]).toEqual(Int16Array.from([...b, ...new Int16Array(a.length)]));
  });

  it('makes a hostile call_id file-safe', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const c = await psrClient(url, { call_id: '../../etc/passwd' });
    await c.connected('mono_a');
    await c.closed();
    const info = await h.waitEvent('call:ended');
    // Listable by the call library: starts with a letter or digit, no '..'.
    expect(info.callId).toBe('etc_passwd');
    expect(path.dirname(info.recordingPath!)).toBe(h.recordingsDir);
    expect(fs.readdirSync(h.recordingsDir).sort()).toEqual(['etc_passwd.events.jsonl', 'etc_passwd.meta.json', 'etc_passwd.wav']);
  });
});
