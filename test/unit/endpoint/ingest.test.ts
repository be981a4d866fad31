// A PSR-like client streams known tones in random-size chunks; the recording must hold exactly
// the samples sent, per channel, and the live events must describe the call.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallLevels, LogEntry } from '../../../src/shared/contract/live';
import { bytesOf, interleave, makeService, psrClient, randomChunks, readWav, rng, sine } from './helpers';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function started() {
  const h = makeService();
  cleanups.push(() => h.service.dispose());
  const st = await h.service.start({ port: 0 });
  return { ...h, url: st.localUrl! };
}

describe('endpoint ingest', () => {
  it('records a stereo call sent in random chunks exactly, per channel', async () => {
    const { url, ended, recordingsDir, events, waitEvent } = await started();
    const a = sine(440, 2, 0.6);
    const b = sine(1200, 2, 0.25);
    const c = await psrClient(url, { call_id: 'stereo-1', tenant: 'acme', danh_xung: 'anh' });
    await c.connected('stereo');
    let ts = 1_700_000_000_000;
    for (const chunk of randomChunks(bytesOf(interleave(a, b)), 701, rng(42))) await c.media(chunk, 'stereo', (ts += 20));
    await c.closed();
    const info = await ended('stereo-1');
    expect(info.reason).toBe('closed');
    expect(info.stats.audioSeconds).toBeCloseTo(2, 6);
    expect(info.stats.errors.FRAME_PARTIAL_SAMPLE).toBeGreaterThan(0);
    const wav = readWav(path.join(recordingsDir, 'stereo-1.wav'));
    expect(wav.channels).toBe(2);
    expect(wav.sampleRate).toBe(8000);
    expect(wav.bitDepth).toBe(16);
    expect(wav.samples[0]).toEqual(a);
    expect(wav.samples[1]).toEqual(b);

    const startedEv = await waitEvent('call:started', (p) => p.callId === 'stereo-1');
    expect(startedEv).toMatchObject({ tenant: 'acme', channel: 'stereo', legs: ['A', 'B'], query: { call_id: 'stereo-1', tenant: 'acme', danh_xung: 'anh' } });
    // Levels: 100 windows per leg (2 s / 20 ms), A louder than B by 20·log10(0.6/0.25) ≈ 7.6 dB.
    const windows = events.filter((e) => e.name === 'call:levels').flatMap((e) => (e.payload as CallLevels).windows);
    const aw = windows.filter((w) => w.leg === 'A');
    const bw = windows.filter((w) => w.leg === 'B');
    expect(aw.length).toBe(100);
    expect(bw.length).toBe(100);
    expect(aw[50]!.rmsDbfs - bw[50]!.rmsDbfs).toBeCloseTo(7.6, 0);
    expect(aw.every((w) => w.speaking || w.t < 40)).toBe(true);

    const meta = JSON.parse(fs.readFileSync(path.join(recordingsDir, 'stereo-1.meta.json'), 'utf8'));
    expect(meta).toMatchObject({ callId: 'stereo-1', source: 'endpoint', tenant: 'acme', channel: 'stereo', legs: ['A', 'B'], reason: 'closed' });
    expect(meta.endedAt).toBeGreaterThanOrEqual(meta.startedAt);
    expect(meta.stats.frames).toBe(info.stats.frames);
    const log = fs.readFileSync(path.join(recordingsDir, 'stereo-1.events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LogEntry);
    const media = log.filter((e) => e.type === 'media');
    expect(media.length).toBe(info.stats.frames);
    expect(log.some((e) => e.type === 'connected' && e.dir === 'in')).toBe(true);
    // Payloads are summarised, never copied.
    expect(media[0]!.json).toMatch(/"payload":"<\d+ bytes base64>"/);
  });

  for (const channel of ['mono_a', 'mono_b'] as const) {
    it(`records a ${channel} call sent in random chunks exactly`, async () => {
      const { url, ended, recordingsDir, waitEvent } = await started();
      const s = sine(channel === 'mono_a' ? 500 : 700, 1.5, 0.4);
      const c = await psrClient(url, { call_id: `call-${channel}`, tenant: 't' });
      await c.connected(channel);
      for (const chunk of randomChunks(bytesOf(s), 333, rng(7))) await c.media(chunk, channel);
      await c.closed();
      await ended(`call-${channel}`);
      const wav = readWav(path.join(recordingsDir, `call-${channel}.wav`));
      expect(wav.channels).toBe(1);
      expect(wav.samples[0]).toEqual(s);
      const st = await waitEvent('call:started', (p) => p.callId === `call-${channel}`);
      expect(st.legs).toEqual([channel === 'mono_a' ? 'A' : 'B']);
    });
  }

  it('batches call:levels at most every 20 ms per call and lists the call while it runs', async () => {
    const { url, ended, events, service, waitEvent } = await started();
    const c = await psrClient(url, { call_id: 'batch-1' });
    await c.connected('mono_a');
    const tone = bytesOf(sine(300, 1, 0.5));
    // 100 frames of 10 ms sent as fast as possible.
    for (let i = 0; i < 100; i++) await c.media(tone.subarray(i * 160, (i + 1) * 160), 'mono_a');
    await waitEvent('call:levels', (p) => p.windows.some((w) => w.t === 980));
    expect(service.status().calls.map((x) => x.callId)).toEqual(['batch-1']);
    // While the call streams, batches are throttled; the call's end flushes what is left at once.
    const whileStreaming = events.filter((e) => e.name === 'call:levels');
    await c.closed();
    await ended('batch-1');
    const levels = events.filter((e) => e.name === 'call:levels');
    expect(levels.length).toBeLessThan(100);
    // Never two batches of one call closer than 20 ms (1 ms slack: the batcher reads a whole-millisecond clock).
    for (let i = 1; i < whileStreaming.length; i++) expect(whileStreaming[i]!.at - whileStreaming[i - 1]!.at).toBeGreaterThanOrEqual(19);
    expect(service.status().calls).toEqual([]);
  });

  it('pushes call:audio only while live:listen is on', async () => {
    const { url, ended, events, service, waitEvent } = await started();
    const c = await psrClient(url, { call_id: 'listen-1' });
    await c.connected('mono_b');
    const tone = sine(300, 0.4, 0.5);
    await c.media(bytesOf(tone.subarray(0, 1600)), 'mono_b');
    await waitEvent('call:levels', (p) => p.callId === 'listen-1');
    expect(events.some((e) => e.name === 'call:audio')).toBe(false);
    service.setListening('listen-1', true);
    await c.media(bytesOf(tone.subarray(1600)), 'mono_b');
    const audio = await waitEvent('call:audio', (p) => p.callId === 'listen-1');
    expect(audio.legs).toEqual(['B']);
    expect(audio.t).toBe(200);
    expect(Buffer.from(audio.pcm)).toEqual(Buffer.from(bytesOf(tone.subarray(1600))));
    await c.closed();
    await ended('listen-1');
  });

  it('ends a call whose socket drops without closed as dropped, with the recording intact', async () => {
    const { url, ended, recordingsDir } = await started();
    const c = await psrClient(url, { call_id: 'drop-1' });
    await c.connected('mono_a');
    const s = sine(440, 0.5);
    await c.media(bytesOf(s), 'mono_a');
    c.ws.terminate();
    const info = await ended('drop-1');
    expect(info.reason).toBe('dropped');
    expect(info.stats.errors.CALL_DROPPED).toBe(1);
    expect(readWav(path.join(recordingsDir, 'drop-1.wav')).samples[0]).toEqual(s);
  });

  it('keeps both recordings when PSR reconnects with the same call_id', async () => {
    const { url, events, recordingsDir, waitEvent } = await started();
    const first = sine(440, 0.3);
    const second = sine(880, 0.3);
    for (const s of [first, second]) {
      const c = await psrClient(url, { call_id: 'again-1' });
      await c.connected('mono_a');
      await c.media(bytesOf(s), 'mono_a');
      await c.closed();
      const n = s === first ? 1 : 2;
      await waitEvent('call:ended', () => events.filter((e) => e.name === 'call:ended').length === n);
    }
    expect(readWav(path.join(recordingsDir, 'again-1.wav')).samples[0]).toEqual(first);
    expect(readWav(path.join(recordingsDir, 'again-1~2.wav')).samples[0]).toEqual(second);
  });

  it('refuses a second endpoint on a port in use with a code naming the port', async () => {
    const { service } = await started();
    const port = service.status().port;
    const other = makeService();
    cleanups.push(() => other.service.dispose());
    await expect(other.service.start({ port })).rejects.toMatchObject({ code: 'ENDPOINT_PORT_IN_USE', field: 'port', message: expect.stringContaining(String(port)) });
  });
});
