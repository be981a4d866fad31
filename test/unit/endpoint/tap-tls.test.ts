// Tap mode against a small test bot, and wss:// with the generated certificate.
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { CallLevels } from '../../../src/shared/contract/live';
import { encodeWav16 } from '../../../src/main/audio/wav';
import { bytesOf, interleave, makeService, psrClient, readWav, sine } from './helpers';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A bot like the vendor demo: answers connected with a media WAV (is_sync) and more actions. */
async function testBot(actions: Array<string | Buffer>) {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/server/ws' });
  const seen: { urls: string[]; frames: Array<{ data: Buffer; isBinary: boolean }> } = { urls: [], frames: [] };
  wss.on('connection', (ws, req) => {
    seen.urls.push(req.url ?? '');
    ws.on('message', (data: Buffer, isBinary) => {
      seen.frames.push({ data: Buffer.from(data), isBinary });
      if (!isBinary && data.toString().includes('"connected"')) for (const a of actions) ws.send(a, { binary: Buffer.isBuffer(a) });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => (wss.close(), server.close(() => r()), server.closeAllConnections())));
  return { url: `ws://127.0.0.1:${(server.address() as { port: number }).port}/server/ws`, seen };
}

describe('tap mode', () => {
  it('relays actions byte-identical both ways and meters the bot WAV as Bot out', async () => {
    const botTone = sine(1000, 0.5, 1); // full scale: Bot out should read ~0 dBFS peak
    const mediaText = JSON.stringify({ event: 'media', media: { payload: Buffer.from(encodeWav16([botTone], 8000)).toString('base64'), is_sync: true } });
    const chunkText = JSON.stringify({ event: 'chunk', media: { payload: Buffer.from(bytesOf(sine(500, 0.1, 0.1))).toString('base64'), format: 'pcm16' } });
    const transferText = '{"event":"transfer","data":{"extension":"1002"}}';
    const binary = Buffer.from([9, 8, 7, 6]);
    const bot = await testBot([mediaText, chunkText, binary, 'stream_repeat', transferText]);

    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0, upstreamUrl: bot.url })).localUrl!;
    const c = await psrClient(url, { call_id: 'tap-1', tenant: 'acme', danh_xung: 'chị' });
    const connectedText = JSON.stringify({ timestamp: 1, event: 'connected', data: { call_id: 'tap-1', channel: 'stereo' } });
    await c.send(connectedText);
    await c.waitMessages(5);
    expect(c.received.map((m) => m.data)).toEqual([Buffer.from(mediaText), Buffer.from(chunkText), binary, Buffer.from('stream_repeat'), Buffer.from(transferText)]);
    expect(c.received.map((m) => m.isBinary)).toEqual([false, false, true, false, false]);

    const tone = bytesOf(interleave(sine(440, 0.2), sine(660, 0.2)));
    await c.media(tone, 'stereo');
    await c.closed();
    const ended = await h.ended('tap-1');
    expect(ended.reason).toBe('closed');
    // The bot saw PSR's query string and frames unchanged.
    const q = new URL(bot.seen.urls[0]!, 'ws://x').searchParams;
    expect(Object.fromEntries(q)).toEqual({ call_id: 'tap-1', tenant: 'acme', danh_xung: 'chị' });
    expect(bot.seen.frames[0]!.data.toString()).toBe(connectedText);
    expect(bot.seen.frames.length).toBe(3); // connected, media, closed

    const started = await h.waitEvent('call:started', (p) => p.callId === 'tap-1');
    expect(started.legs).toEqual(['A', 'B', 'botOut']);
    const botOut = h.events.filter((e) => e.name === 'call:levels').flatMap((e) => (e.payload as CallLevels).windows).filter((w) => w.leg === 'botOut');
    expect(botOut.length).toBeGreaterThanOrEqual(25);
    expect(botOut[0]!.peakDbfs).toBeCloseTo(0, 0);
    expect(botOut[0]!.rmsDbfs).toBeCloseTo(-3, 0);
    const actions = h.events.filter((e) => e.name === 'call:action').map((e) => e.payload as { kind: string; origin: string });
    expect(actions.map((a) => a.kind)).toEqual(['media', 'chunk', 'transfer']);
    expect(actions.every((a) => a.origin === 'bot')).toBe(true);
    expect(readWav(path.join(h.recordingsDir, 'tap-1.wav')).dataBytes).toBe(tone.length);
  });

  it('keeps recording and tells PSR nothing when the upstream bot is unreachable', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0, upstreamUrl: 'ws://127.0.0.1:1/server/ws' })).localUrl!;
    const c = await psrClient(url, { call_id: 'tap-down' });
    await c.connected('mono_a');
    await h.waitEvent('call:log', (p) => p.entries.some((e) => e.code === 'UPSTREAM_CONNECT_FAILED'));
    const s = sine(440, 0.3);
    await c.media(bytesOf(s), 'mono_a');
    await c.closed();
    const ended = await h.ended('tap-down');
    expect(ended.stats.errors.UPSTREAM_CONNECT_FAILED).toBe(1);
    expect(c.received).toEqual([]);
    expect(readWav(path.join(h.recordingsDir, 'tap-down.wav')).samples[0]).toEqual(s);
  });
});

describe('wss', () => {
  it('serves wss with the generated certificate to a client that trusts it, and keeps the certificate', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const st = await h.service.start({ port: 0, tls: true });
    expect(st.localUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/server\/ws$/);
    expect(st.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(st.certSource).toBe('generated');
    const fs = await import('node:fs');
    const ca = fs.readFileSync(path.join(h.dir, 'tls', 'endpoint-cert.pem'));

    // A client that does not trust it is refused…
    const untrusted = new WebSocket(st.localUrl!);
    await expect(new Promise((resolve, reject) => (untrusted.once('open', resolve), untrusted.once('error', reject)))).rejects.toThrow(/self[- ]signed/i);
    // …one that trusts exactly this certificate gets through, by IP and by name.
    const c = await psrClient(st.localUrl!, { call_id: 'tls-1' }, { ca });
    await c.connected('mono_a');
    await c.media(bytesOf(sine(440, 0.1)), 'mono_a');
    await c.closed();
    expect((await h.ended('tls-1')).stats.frames).toBe(1);
    const byName = await psrClient(st.localUrl!.replace('127.0.0.1', 'localhost'), { call_id: 'tls-2' }, { ca });
    await byName.close();

    // Restarting reuses the kept certificate: same fingerprint.
    const again = await h.service.start({ port: 0, tls: true });
    expect(again.fingerprint256).toBe(st.fingerprint256);
  });

  it('uses a user-supplied certificate and key, and names the field when they do not match', async () => {
    const selfsigned = (await import('selfsigned')).default;
    const fs = await import('node:fs');
    const dir = (await import('./helpers')).tempDir();
    const mine = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048, algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    const other = await selfsigned.generate([{ name: 'commonName', value: 'other' }], { keySize: 2048 });
    fs.writeFileSync(path.join(dir, 'cert.pem'), mine.cert);
    fs.writeFileSync(path.join(dir, 'key.pem'), mine.private);
    fs.writeFileSync(path.join(dir, 'other-key.pem'), other.private);
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    await expect(h.service.start({ port: 0, tls: true, certPath: path.join(dir, 'cert.pem'), keyPath: path.join(dir, 'other-key.pem') })).rejects.toMatchObject({ code: 'ENDPOINT_TLS_INVALID', field: 'keyPath' });
    const st = await h.service.start({ port: 0, tls: true, certPath: path.join(dir, 'cert.pem'), keyPath: path.join(dir, 'key.pem') });
    expect(st.certSource).toBe('user');
    const c = await psrClient(st.localUrl!, { call_id: 'tls-user' }, { ca: mine.cert });
    await c.connected('mono_a');
    await c.closed();
    expect((await h.ended('tls-user')).reason).toBe('closed');
  });
});
