// Faults that used to lose data: the same call_id twice, a channel change mid-call, idle sockets,
// and frames nested too deeply to log. Real server on port 0, real files.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { makeService, psrClient, readWav, sine } from './helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const bytesOf = (s: Int16Array) => new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
const lines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { code?: string; type: string });

describe('endpoint faults', () => {
  it('the same call_id twice: each connection records into its own file set; a silent retry changes nothing', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    // Both sockets open before either sends a frame.
    const first = await psrClient(url, { call_id: 'dup-1' });
    const second = await psrClient(url, { call_id: 'dup-1' });
    const a = sine(440, 0.2);
    const b = sine(1000, 0.2);
    await second.connected('mono_a');
    await h.waitEvent('call:started', (p) => p.callId === 'dup-1');
    await first.connected('mono_a');
    await h.waitEvent('call:started', (p) => p.callId === 'dup-1~2');
    await second.media(bytesOf(b), 'mono_a');
    await first.media(bytesOf(a), 'mono_a');
    await second.closed();
    await first.closed();
    const ends = await Promise.all([h.ended('dup-1'), h.ended('dup-1~2')]);
    expect(ends.map((e) => e.reason)).toEqual(['closed', 'closed']);
    expect(readWav(path.join(h.recordingsDir, 'dup-1.wav')).samples[0]).toEqual(b);
    expect(readWav(path.join(h.recordingsDir, 'dup-1~2.wav')).samples[0]).toEqual(a);
    const metaBefore = fs.readFileSync(path.join(h.recordingsDir, 'dup-1.meta.json'), 'utf8');
    // A retry socket that never sends a frame and closes after the real call: no files, no rewrite.
    const retry = await psrClient(url, { call_id: 'dup-1' });
    await retry.close();
    await expect.poll(() => h.service.status().calls.length).toBe(0);
    expect(fs.readFileSync(path.join(h.recordingsDir, 'dup-1.meta.json'), 'utf8')).toBe(metaBefore);
    expect(JSON.parse(metaBefore)).toMatchObject({ callId: 'dup-1', reason: 'closed' });
    expect(fs.readdirSync(h.recordingsDir).filter((f) => !f.startsWith('dup-1.') && !f.startsWith('dup-1~2.'))).toEqual([]);
  });

  it('mono_a then mono_b: the leg-A file never receives leg B samples (silence in their place)', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const c = await psrClient(url, { call_id: 'mono-switch' });
    const a = sine(440, 0.1);
    const b = sine(1000, 0.1);
    await c.connected('mono_a');
    await c.media(bytesOf(a), 'mono_a');
    await c.media(bytesOf(b), 'mono_b');
    await c.media(bytesOf(a), 'mono_a');
    await c.closed();
    const info = await h.ended('mono-switch');
    expect(info.stats.errors.FRAME_CHANNEL_CHANGED).toBe(2);
    const wav = readWav(path.join(h.recordingsDir, 'mono-switch.wav'));
    expect(wav.channels).toBe(1);
    expect(wav.samples[0]).toEqual(Int16Array.from([...a, ...new Int16Array(b.length), ...a]));
    const log = lines(path.join(h.recordingsDir, 'mono-switch.events.jsonl'));
    expect(log.filter((l) => l.code === 'FRAME_CHANNEL_CHANGED').length).toBeGreaterThanOrEqual(3); // two changes + the end note
  });

  it('idle sockets are closed, leave no files, and never keep a real call out', async () => {
    const h = makeService({ limits: { idleTimeoutMs: 2000, maxPendingConnections: 100 } });
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const idle: WebSocket[] = [];
    const closedCodes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const ws = new WebSocket(`${url}?call_id=idle-${i}`);
      ws.on('error', () => {});
      ws.on('close', (code) => closedCodes.push(code));
      idle.push(ws);
    }
    await Promise.all(idle.map((ws) => new Promise<void>((r) => (ws.readyState === WebSocket.CONNECTING ? ws.once('open', () => r()).once('close', () => r()) : r()))));
    const real = await psrClient(url, { call_id: 'real-1' });
    await real.connected('stereo');
    await real.media(new Uint8Array(640), 'stereo');
    await real.closed();
    const info = await h.ended('real-1');
    expect(info.stats.frames).toBe(1);
    // Every idle socket is closed by the endpoint: evicted (1013) or timed out (1008).
    await expect.poll(() => closedCodes.length, { timeout: 20_000 }).toBe(300);
    expect(new Set(closedCodes)).toEqual(new Set([1013, 1008]));
    expect(fs.readdirSync(h.recordingsDir).sort()).toEqual(['real-1.events.jsonl', 'real-1.meta.json', 'real-1.wav']);
  });

  it('a frame nested 100,000 deep is logged with a code like any bad frame', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const c = await psrClient(url, { call_id: 'deep-1' });
    await c.connected('stereo');
    const depth = 100_000;
    await c.send(`{"event":"connected","data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    await c.send(`{"event":"dance","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);
    await c.media(new Uint8Array(640), 'stereo');
    await c.closed();
    const info = await h.ended('deep-1');
    expect(info.stats.errors.FRAME_TOO_DEEP).toBe(2);
    expect(info.stats.frames).toBe(1);
    const log = lines(path.join(h.recordingsDir, 'deep-1.events.jsonl'));
    expect(log.filter((l) => l.code === 'FRAME_TOO_DEEP')).toHaveLength(2);
  });
});
