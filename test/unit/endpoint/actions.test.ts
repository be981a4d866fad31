// Actions to PSR from the console (contract handlers → service → socket): media with is_sync and
// conversion, real-time chunk streaming as pcm16 and mp3, transfer, hangup, the greeting.
import fs from 'node:fs';
import path from 'node:path';
import { MPEGDecoder } from 'mpg123-decoder';
import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher, type Handlers } from '../../../src/main/api/dispatcher';
import { EventBus } from '../../../src/main/api/event-bus';
import type { AppContext } from '../../../src/main/app-context';
import { encodeWav16 } from '../../../src/main/audio/wav';
import { createEndpointDomain } from '../../../src/main/handlers/endpoint';
import { silentLogger } from '../../../src/main/logger';
import type { SettingsStore } from '../../../src/main/settings/settings-store';
import { bytesOf, makeService, psrClient, sine, tempDir } from './helpers';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function memorySettings(): SettingsStore {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, set: (k, v) => void m.set(k, v), delete: (k) => void m.delete(k), path: ':memory:', resets: () => [], recordReset: () => {}, clearResets: () => {} };
}

function domainDispatcher() {
  const dir = tempDir();
  const events = new EventBus();
  const ctx = { mode: 'web', version: 't', dataDir: dir, recordingsDir: path.join(dir, 'rec'), resourcesDir: dir, settings: memorySettings(), events, logger: silentLogger, now: Date.now } as unknown as AppContext;
  const domain = createEndpointDomain(ctx);
  cleanups.push(() => domain.dispose());
  const dispatcher = new Dispatcher(domain.handlers as unknown as Handlers, silentLogger);
  return { dispatcher, dir, events, service: domain.service };
}

describe('endpoint actions through the contract', () => {
  it('sends media (path and base64), transfer and hangup; validates arguments with field names', async () => {
    const { dispatcher, dir } = domainDispatcher();
    const st = await dispatcher.dispatch('endpoint:start', { port: 0 });
    expect(st.ok).toBe(true);
    const url = (st as { value: { localUrl: string } }).value.localUrl;
    const c = await psrClient(url, { call_id: 'act-1' });
    await c.connected('stereo');
    await expect.poll(async () => ((await dispatcher.dispatch('endpoint:status', {})) as { value: { calls: unknown[] } }).value.calls.length).toBe(1);

    const wav16k = encodeWav16([sine(440, 0.25, 0.5, 16000)], 16000); // like the vendor bot's 16 kHz prompt
    const file = path.join(dir, 'prompt.wav');
    fs.writeFileSync(file, wav16k);
    const info = await dispatcher.dispatch('endpoint:inspectAudio', { file: { path: file } });
    expect(info).toMatchObject({ ok: true, value: { kind: 'wav', sampleRate: 16000, isPsrFormat: false, warnings: [expect.stringContaining('8000 Hz')] } });

    const asIs = await dispatcher.dispatch('endpoint:sendMedia', { callId: 'act-1', file: { path: file }, isSync: true });
    expect(asIs).toMatchObject({ ok: true, value: { converted: false, bytes: wav16k.length } });
    const converted = await dispatcher.dispatch('endpoint:sendMedia', { callId: 'act-1', file: { name: 'p.wav', base64: Buffer.from(wav16k).toString('base64') }, convert: true });
    expect(converted).toMatchObject({ ok: true, value: { converted: true } });
    expect(await dispatcher.dispatch('endpoint:transfer', { callId: 'act-1', extension: '1002' })).toEqual({ ok: true, value: { ok: true } });
    expect(await dispatcher.dispatch('endpoint:hangup', { callId: 'act-1' })).toEqual({ ok: true, value: { ok: true } });
    await c.waitMessages(4);
    const msgs = c.received.map((m) => JSON.parse(m.data.toString()));
    expect(msgs[0]).toEqual({ event: 'media', media: { payload: Buffer.from(wav16k).toString('base64'), is_sync: true } });
    expect(msgs[1].media.is_sync).toBe(false);
    const conv = Buffer.from(msgs[1].media.payload, 'base64');
    expect(conv.readUInt32LE(24)).toBe(8000);
    expect(conv.readUInt16LE(22)).toBe(1);
    expect(msgs[2]).toEqual({ event: 'transfer', data: { extension: '1002' } });
    expect(msgs[3]).toEqual({ event: 'hangup' });

    const bad = await dispatcher.dispatch('endpoint:transfer', { callId: 'act-1', extension: '10 02; rm' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'extension' } });
    const missing = await dispatcher.dispatch('endpoint:hangup', { callId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'ENDPOINT_CALL_NOT_FOUND', field: 'callId' } });
    const notAudio = await dispatcher.dispatch('endpoint:sendMedia', { callId: 'act-1', file: { name: 'x.txt', base64: Buffer.from('hello there').toString('base64') } });
    expect(notAudio).toMatchObject({ ok: false, error: { code: 'ENDPOINT_AUDIO_UNSUPPORTED', field: 'file' } });

    // PSR ends the call after our hangup without sending closed: the reason says hangup.
    await c.close();
    await expect.poll(async () => ((await dispatcher.dispatch('endpoint:status', {})) as { value: { calls: unknown[] } }).value.calls.length).toBe(0);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'rec', 'act-1.meta.json'), 'utf8'));
    expect(meta.reason).toBe('hangup');
  });

  it('saves settings as patches: a change to one keeps the others; bad URLs name the field', async () => {
    const { dispatcher } = domainDispatcher();
    await dispatcher.dispatch('endpoint:saveSettings', { upstreamUrl: 'ws://127.0.0.1:9/bot', port: 8123 });
    const r = await dispatcher.dispatch('endpoint:saveSettings', { publicUrl: 'wss://tunnel.example.net/server/ws' });
    expect(r).toMatchObject({ ok: true, value: { upstreamUrl: 'ws://127.0.0.1:9/bot', port: 8123, publicUrl: 'wss://tunnel.example.net/server/ws', path: '/server/ws' } });
    const bad = await dispatcher.dispatch('endpoint:saveSettings', { publicUrl: 'http://not-a-ws' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'publicUrl', message: expect.stringContaining('ws:// or wss://') } });
    const st = await dispatcher.dispatch('endpoint:status', {});
    expect(st).toMatchObject({ ok: true, value: { running: false, localUrl: null, publicUrl: 'wss://tunnel.example.net/server/ws' } });
  });

  it('streams a WAV as pcm16 chunks in real time, and as mp3 chunks that decode', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const c = await psrClient(url, { call_id: 'chunk-1' });
    await c.connected('mono_b');
    const tone = sine(440, 0.5, 0.5);
    const file = { name: 't.wav', base64: Buffer.from(encodeWav16([tone], 8000)).toString('base64') };
    const t0 = Date.now();
    const r = await h.service.streamChunks('chunk-1', file, 'pcm16', 100);
    expect(r).toMatchObject({ durationMs: 500, chunks: 5 });
    await c.waitMessages(5);
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(390); // paced like real time, not sent at once
    const pcm = Buffer.concat(c.received.map((m) => Buffer.from(JSON.parse(m.data.toString()).media.payload, 'base64')));
    expect(c.received.every((m) => JSON.parse(m.data.toString()).media.format === 'pcm16')).toBe(true);
    expect(new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2)).toEqual(tone);

    const before = c.received.length;
    await h.service.streamChunks('chunk-1', file, 'mp3', 100);
    await expect.poll(() => h.events.filter((e) => e.name === 'call:action' && (e.payload as { detail: string }).detail.startsWith('mp3')).length, { timeout: 5000 }).toBeGreaterThan(2);
    await expect.poll(() => h.events.some((e) => e.name === 'call:log' && (e.payload as { entries: Array<{ summary: string }> }).entries.some((x) => x.summary.includes('mp3 chunk'))), { timeout: 5000 }).toBe(true);
    // Wait for the stream to finish (all chunks + the encoder's tail).
    await expect.poll(() => (h.service as unknown as { streams: Map<string, unknown> }).streams.size, { timeout: 5000 }).toBe(0);
    const mp3 = Buffer.concat(c.received.slice(before).map((m) => Buffer.from(JSON.parse(m.data.toString()).media.payload, 'base64')));
    const dec = new MPEGDecoder();
    await dec.ready;
    const out = dec.decode(mp3);
    dec.free();
    expect(out.sampleRate).toBe(8000);
    expect(out.samplesDecoded).toBeGreaterThan(3000);
    await c.closed();
    await h.ended('chunk-1');
  });

  it('drives an embedded bot: connected → media, the called side speaking → hangup', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const prompt = encodeWav16([sine(440, 0.1)], 8000);
    const seen: string[] = [];
    h.service.setBot({
      name: 'test-bot',
      onConnected: (call) => {
        seen.push(`connected ${call.query.tenant}`);
        call.sendMedia(prompt, { isSync: true, label: 'prompt' });
      },
      onVoiceActivity: (call, leg, speaking) => {
        seen.push(`${leg} ${speaking}`);
        if (leg === 'B' && speaking) call.hangup();
      },
      onClosed: () => seen.push('closed'),
    });
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const c = await psrClient(url, { call_id: 'bot-1', tenant: 'acme' });
    await c.connected('mono_b');
    await c.waitMessages(1);
    expect(JSON.parse(c.received[0]!.data.toString()).media.is_sync).toBe(true);
    await c.media(bytesOf(sine(300, 0.5, 0.5)), 'mono_b'); // loud enough to count as speech
    await c.waitMessages(2);
    expect(JSON.parse(c.received[1]!.data.toString())).toEqual({ event: 'hangup' });
    await c.close();
    expect((await h.ended('bot-1')).reason).toBe('hangup');
    expect(seen).toEqual(['connected acme', 'B true', 'closed']);
    const actions = h.events.filter((e) => e.name === 'call:action').map((e) => (e.payload as { origin: string }).origin);
    expect(actions).toEqual(['bot:test-bot', 'bot:test-bot']);
  });

  it('plays the greeting as media with is_sync on connected', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const greeting = encodeWav16([sine(440, 0.2)], 8000);
    h.service.setGreeting({ name: 'hello.wav', base64: Buffer.from(greeting).toString('base64') });
    const st = await h.service.start({ port: 0 });
    expect(st.greeting).toBe('greeting-hello.wav');
    const c = await psrClient(st.localUrl!, { call_id: 'greet-1' });
    await c.connected('stereo');
    await c.waitMessages(1);
    expect(JSON.parse(c.received[0]!.data.toString())).toEqual({ event: 'media', media: { payload: Buffer.from(greeting).toString('base64'), is_sync: true } });
    const action = await h.waitEvent('call:action', (p) => p.callId === 'greet-1');
    expect(action).toMatchObject({ kind: 'media', origin: 'greeting' });
    await c.closed();
    await h.ended('greet-1');
  });
});
