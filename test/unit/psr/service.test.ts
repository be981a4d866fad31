// The psr domain through the dispatcher, as the UI uses it: upload → convert → send → history;
// Copy as cURL run by bash; recordings with the profile's Authorization.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { inspectWav } from '../../../src/main/audio/wavefile-convert';
import type { HistoryEntry, UploadView } from '../../../src/shared/contract/psr';
import { emptyPsrRequest, type PsrRequest } from '../../../src/shared/psr/request';
import { okReply, sineWav, startRecorder, tempDir, type Recorder } from './helpers';

const run = promisify(execFile);
const TOKEN = 'secret-token-abcdef123456';
let dir: string;
let services: ReturnType<typeof createNodeAppServices>;
let rec: Recorder;
let profileId: string;

async function call<T>(name: string, args?: unknown): Promise<T> {
  const r = await services.dispatcher.dispatch(name, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

beforeEach(async () => {
  dir = tempDir('psr-service-');
  rec = await startRecorder(okReply('call-123'));
  services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
  const p = await call<{ id: string }>('profiles:save', { name: 'Test PSR', baseUrl: rec.url, authScheme: 'bearer', token: TOKEN });
  profileId = p.id;
  await call('profiles:setActive', { id: profileId });
});
afterEach(async () => {
  await services.dispose();
  await rec.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (name: string, bytes: Buffer) => call<UploadView>('psr:uploadAudio', { name, dataBase64: bytes.toString('base64') });
const botRequest = (u: UploadView): PsrRequest => ({
  ...emptyPsrRequest(),
  url: 'wss://bot.example.com/ws',
  destination: '0901234567',
  app: 'bot',
  audio_file: { uploadId: u.uploadId, name: u.name },
  parameter: '{"danh_xung":"anh"}',
});

describe('audio_file upload and conversion', () => {
  it('inspects a 44.1 kHz stereo WAV, converts it to 8 kHz 16-bit mono, and the converted copy is what is sent', async () => {
    const original = await upload('greeting.wav', sineWav({ sampleRate: 44100, channels: 2, seconds: 1 }));
    expect(original.info).toMatchObject({ sampleRate: 44100, bitDepth: '16', channels: 2, durationSec: 1, isPsrFormat: false });
    expect(original.path.startsWith(path.join(dir, 'uploads'))).toBe(true);
    const { upload: converted, dataBase64 } = await call<{ upload: UploadView; dataBase64: string }>('psr:convertAudio', { uploadId: original.uploadId });
    expect(converted.info).toMatchObject({ sampleRate: 8000, bitDepth: '16', channels: 1, durationSec: 1, isPsrFormat: true });
    expect(converted.convertedFrom).toBe(original.uploadId);
    expect(Buffer.from(dataBase64, 'base64').equals(fs.readFileSync(converted.path))).toBe(true);

    const { entry } = await call<{ entry: HistoryEntry }>('psr:createStream', { request: botRequest(converted) });
    expect(entry.error).toBeNull();
    const got = await rec.next();
    const file = got.parts.find((p) => p.name === 'audio_file')!;
    expect(file.filename).toBe(converted.name);
    expect(inspectWav(file.data!)).toMatchObject({ sampleRate: 8000, bitDepth: '16', channels: 1, isPsrFormat: true });
  });

  it('rejects a non-WAV and a corrupt WAV with clear coded errors', async () => {
    await expect(upload('notes.wav', Buffer.from('this is a text file, not audio'))).rejects.toMatchObject({ code: 'WAV_NOT_WAV', field: 'audio_file' });
    const truncated = sineWav({ sampleRate: 8000, channels: 1, seconds: 1 }).subarray(0, 1000);
    await expect(upload('cut.wav', truncated)).rejects.toMatchObject({ code: 'WAV_CORRUPT', message: expect.stringMatching(/truncated/) });
    const garbage = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.alloc(40, 7)]);
    await expect(upload('garbage.wav', garbage)).rejects.toMatchObject({ code: 'WAV_CORRUPT' });
    expect(fs.existsSync(path.join(dir, 'uploads')) ? fs.readdirSync(path.join(dir, 'uploads')) : []).toEqual([]);
  });
});

describe('history', () => {
  it('saves successes and failures without the token, and survives a restart', async () => {
    const u = await upload('hello.wav', sineWav({ sampleRate: 8000, channels: 1, seconds: 0.2 }));
    const ok = await call<{ entry: HistoryEntry }>('psr:createStream', { request: botRequest(u) });
    expect(ok.entry.response?.data.call_id).toBe('call-123');
    rec.reply = (_r, res) => {
      res.writeHead(500);
      res.end(`boom: token was ${TOKEN}`);
    };
    const bad = await call<{ entry: HistoryEntry }>('psr:createStream', { request: botRequest(u) });
    expect(bad.entry.error).toMatchObject({ code: 'PSR_HTTP_5XX', status: 500 });

    await services.dispose();
    services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
    const { entries } = await call<{ entries: HistoryEntry[] }>('psr:history');
    expect(entries.map((e) => e.error?.code ?? e.response?.data.call_id).sort()).toEqual(['PSR_HTTP_5XX', 'call-123']);
    for (const f of fs.readdirSync(path.join(dir, 'history'))) {
      expect(fs.readFileSync(path.join(dir, 'history', f), 'utf8')).not.toContain(TOKEN);
    }
  });

  it('does not record requests that were never sent (a broken rule), and names the field', async () => {
    await expect(call('psr:createStream', { request: { ...emptyPsrRequest(), url: 'wss://x/ws', destination: '1' } })).rejects.toMatchObject({
      code: 'PSR_INVALID_REQUEST',
      field: 'extension',
    });
    expect((await call<{ entries: HistoryEntry[] }>('psr:history')).entries).toEqual([]);
    expect(rec.requests).toHaveLength(0);
  });
});

describe('Copy as cURL', () => {
  it('hides the token as $PSR_TOKEN, and run by bash sends the request our client sends', async () => {
    const u = await upload("it's a \"test\".wav", sineWav({ sampleRate: 8000, channels: 1, seconds: 0.2 }));
    const request: PsrRequest = { ...botRequest(u), parameter: '{\n  "danh_xung": "anh",\n  "note": "it\'s @home; type=x"\n}' };
    const { command } = await call<{ command: string }>('psr:curl', { request });
    expect(command).not.toContain(TOKEN);
    expect(command).toContain('$PSR_TOKEN');
    expect(command).toContain(`@"${u.path}"`);

    await run('bash', ['-c', command], { env: { ...process.env, PSR_TOKEN: TOKEN } });
    const fromCurl = await rec.next();
    await call('psr:createStream', { request });
    const fromUs = await rec.next();
    expect(fromCurl.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fromCurl.parts).toEqual(fromUs.parts);
    expect(fromCurl.parts.find((p) => p.name === 'parameter')?.value).toBe(request.parameter);
  });
});

describe('recordings', () => {
  it('downloads with the profile Authorization, says "not ready yet" on 404, refuses other hosts', async () => {
    const wav = sineWav({ sampleRate: 8000, channels: 2, seconds: 0.1 });
    let ready = false;
    rec.reply = (r, res) => {
      if (r.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401);
        res.end();
      } else if (!ready) {
        res.writeHead(404);
        res.end('not found');
      } else {
        res.writeHead(200, { 'content-type': 'audio/wav' });
        res.end(wav);
      }
    };
    const url = `${rec.url}/psr/v1/call/record/full_call-123.wav`;
    await expect(call('psr:fetchRecording', { url })).rejects.toMatchObject({ code: 'PSR_RECORDING_NOT_READY' });
    ready = true;
    const got = await call<{ path: string; size: number; dataBase64: string }>('psr:fetchRecording', { url });
    expect(got.size).toBe(wav.byteLength);
    expect(fs.readFileSync(got.path).equals(wav)).toBe(true);
    expect(got.path).toBe(path.join(services.ctx.recordingsDir, 'psr', 'full_call-123.wav'));
    const before = rec.requests.length;
    await expect(call('psr:fetchRecording', { url: 'http://127.0.0.2:9/x.wav' })).rejects.toMatchObject({ code: 'PSR_RECORDING_FOREIGN_HOST' });
    expect(rec.requests.length).toBe(before);
  });
});

describe('connection options', () => {
  it('are kept in settings and used for the next request (header timeout → PSR_TIMEOUT in history)', async () => {
    const defaults = await call<{ headersTimeoutMs: number; caFile: string | null }>('psr:getOptions');
    expect(defaults).toMatchObject({ headersTimeoutMs: 30000, caFile: null });
    await call('psr:setOptions', { headersTimeoutMs: 300, caFile: '/nonexistent/ca.pem' });
    await expect(call('psr:createStream', { request: { ...emptyPsrRequest(), url: '/ws', destination: '1', extension: '2' } })).rejects.toMatchObject({
      code: 'PSR_CA_FILE',
    });
    expect(await call('psr:setOptions', { caFile: null })).toMatchObject({ headersTimeoutMs: 300, caFile: null });
    rec.reply = () => {
      /* never answers */
    };
    const { entry } = await call<{ entry: HistoryEntry }>('psr:createStream', { request: { ...emptyPsrRequest(), url: '/ws', destination: '1', extension: '2' } });
    expect(entry.error).toMatchObject({ code: 'PSR_TIMEOUT' });
    expect(entry.error!.message).toContain('300 ms');
    expect(rec.requests).toHaveLength(1);
    await expect(call('psr:setOptions', { connectTimeoutMs: 5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'connectTimeoutMs' });
  });
});

describe('offline simulator profile', () => {
  it('starts the simulator first and sends to its address with the built-in token', async () => {
    await call('simulator:saveSettings', { port: 0 });
    await call('profiles:setActive', { id: 'offline-simulator' });
    const { entry } = await call<{ entry: HistoryEntry }>('psr:createStream', {
      request: { ...emptyPsrRequest(), url: 'ws://127.0.0.1:9/ws', destination: '0901234567', app: 'bot', is_silence: true },
    });
    expect(entry.error).toBeNull();
    expect(entry.profileId).toBe('offline-simulator');
    expect(entry.response?.code).toBe('OK');
    expect(entry.response?.data.call_id).toMatch(/.+/);
    expect(entry.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(rec.requests).toHaveLength(0);
    const { command } = await call<{ command: string }>('psr:curl', { request: entry.request });
    expect(command).toContain(`'${entry.baseUrl}/psr/v1/call/stream'`);
  });
});
