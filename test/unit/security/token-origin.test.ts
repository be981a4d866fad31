// A stored token goes only to the origin it was saved for, and what a PSR server answers is redacted
// (then clipped) before it reaches the renderer or the disk. The servers are real HTTP servers on
// 127.0.0.1 that echo the Authorization header back, as a hostile or broken server would.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createStream } from '../../../src/main/psr/create-stream';
import { defaultConnectionOptions } from '../../../src/main/psr/http';
import { downloadRecording } from '../../../src/main/psr/recordings';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import type { HistoryEntry } from '../../../src/shared/contract/psr';
import { emptyPsrRequest, type PsrRequest } from '../../../src/shared/psr/request';
import { startRecorder, tempDir, type Recorder, type RecordedRequest } from '../psr/helpers';

const TOKEN = 'tokXy9Q7ZpLmN3vR8sK2wD5fH1jG4aB6';
const OTHER_TOKEN = 'another-token-for-the-new-server-0042';
const BIN = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const request: PsrRequest = { ...emptyPsrRequest(), url: 'wss://bot.example.com/ws', destination: '0901234567', app: 'bot', is_silence: true };

/** The token part of the Authorization header (after Bearer/Basic, or all of it). */
const tokenOf = (r: RecordedRequest) => String(r.headers.authorization ?? '').replace(/^(Bearer|Basic)\s+/, '');

/** Echoes the Authorization header: in a 200 recording, a 64 KiB error body, a create-stream answer. */
function echo(r: RecordedRequest, res: import('node:http').ServerResponse): void {
  const auth = String(r.headers.authorization ?? '');
  const tok = tokenOf(r);
  if (r.url.includes('clip')) {
    res.writeHead(500);
    res.end('x'.repeat(64 * 1024 - 9) + tok);
  } else if (r.url.includes('rec-ok')) {
    res.writeHead(200, { 'content-type': 'audio/wav' });
    res.end(Buffer.concat([Buffer.from('RIFF'), BIN, Buffer.from(auth), BIN]));
  } else if (r.url.endsWith('/psr/v1/call/stream')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'OK', message: `hello ${tok}`, data: { call_id: `c-${tok.slice(0, 20)}`, status: 'in-progress', echo_partial: tok.slice(1), echo_cut: tok.slice(2, -1) } }));
  } else {
    res.writeHead(404);
    res.end(`not found ${tok}`);
  }
}

/** Every run of 12 consecutive characters of the token. */
const runs = (t: string) => Array.from({ length: t.length - 11 }, (_, i) => t.slice(i, i + 12));

let dir: string;
let psr: Recorder;
let elsewhere: Recorder;
let services: ReturnType<typeof createNodeAppServices>;

async function call<T>(name: string, args?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  return (await services.dispatcher.dispatch(name, args)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}
async function value<T>(name: string, args?: unknown): Promise<T> {
  const r = await call<T>(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const errorCode = async (name: string, args: unknown) => {
  const r = await call(name, args);
  return r.ok ? 'ok' : r.error.code;
};

beforeEach(async () => {
  dir = tempDir('psr-token-origin-');
  psr = await startRecorder(echo);
  elsewhere = await startRecorder(echo);
  services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
});
afterEach(async () => {
  await services.dispose();
  await psr.close();
  await elsewhere.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface View {
  id: string;
  baseUrl: string;
  tokenSet: boolean;
  tokenLast4: string | null;
}

describe('a token is bound to the origin it was saved with', () => {
  it('a re-save on another origin without a token clears it, says so, and nothing reaches that origin', async () => {
    const { id } = await value<View>('profiles:save', { name: 'Victim', baseUrl: psr.url, token: TOKEN });
    // Another path on the same origin keeps it.
    expect(await value<View>('profiles:save', { id, name: 'Victim', baseUrl: `${psr.url}/v2` })).toMatchObject({ tokenSet: true, tokenLast4: TOKEN.slice(-4) });

    const moved = await value<View>('profiles:save', { id, name: 'Victim', baseUrl: elsewhere.url });
    expect(moved).toMatchObject({ baseUrl: elsewhere.url, tokenSet: false, tokenLast4: null });
    const listed = (await value<{ profiles: View[] }>('profiles:list')).profiles.find((p) => p.id === id);
    expect(listed).toMatchObject({ tokenSet: false });

    expect(await errorCode('psr:fetchRecording', { url: '/rec-ok.wav', profileId: id })).toBe('PSR_NO_TOKEN');
    expect(await errorCode('psr:createStream', { profileId: id, request })).toBe('PSR_NO_TOKEN');
    expect(await errorCode('psr:testConnection', { profileId: id })).toBe('PSR_NO_TOKEN');
    expect(elsewhere.requests).toHaveLength(0);
    expect(fs.existsSync(path.join(dir, 'recordings', 'psr'))).toBe(false);

    // A token entered for the new origin is bound to it and sent there.
    await value<View>('profiles:save', { id, name: 'Victim', baseUrl: elsewhere.url, token: OTHER_TOKEN });
    await value('psr:fetchRecording', { url: '/rec-ok.wav', profileId: id });
    expect(elsewhere.requests.map(tokenOf)).toEqual([OTHER_TOKEN]);
  });

  it('a profile whose base URL was changed behind the app (settings file) is not sent its token', async () => {
    const { id } = await value<View>('profiles:save', { name: 'Edited', baseUrl: psr.url, token: TOKEN });
    const stored = services.ctx.settings.get<Array<Record<string, unknown>>>('profiles')!;
    services.ctx.settings.set('profiles', stored.map((p) => (p.id === id ? { ...p, baseUrl: elsewhere.url } : p)));

    const listed = (await value<{ profiles: View[] }>('profiles:list')).profiles.find((p) => p.id === id);
    expect(listed).toMatchObject({ baseUrl: elsewhere.url, tokenSet: false });
    expect(await errorCode('psr:fetchRecording', { url: '/rec-ok.wav', profileId: id })).toBe('PSR_NO_TOKEN');
    expect(await errorCode('psr:createStream', { profileId: id, request })).toBe('PSR_NO_TOKEN');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('create stream and recordings refuse a URL on another origin than the token is bound to', async () => {
    const target = { profileName: 'P', baseUrl: elsewhere.url, authScheme: 'bearer' as const, token: TOKEN, tokenOrigin: new URL(psr.url).origin };
    await expect(createStream(target, request, null, defaultConnectionOptions)).rejects.toMatchObject({ code: 'PSR_NO_TOKEN' });
    await expect(downloadRecording(target, '/rec-ok.wav', path.join(dir, 'rec'), defaultConnectionOptions)).rejects.toMatchObject({ code: 'PSR_NO_TOKEN' });
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("PSR's answers are redacted, then clipped", () => {
  it('a recording that echoes the header is saved and returned without the token, every other byte kept', async () => {
    const { id } = await value<View>('profiles:save', { name: 'Echo', baseUrl: psr.url, token: TOKEN });
    const r = await value<{ path: string; size: number; dataBase64: string }>('psr:fetchRecording', { url: '/rec-ok.wav', profileId: id });
    const expected = Buffer.concat([Buffer.from('RIFF'), BIN, Buffer.from('Bearer «redacted»'), BIN]);
    expect(Buffer.from(r.dataBase64, 'base64').equals(expected)).toBe(true);
    expect(fs.readFileSync(r.path).equals(expected)).toBe(true);
    expect(r.size).toBe(expected.byteLength);
    expect(psr.requests.map(tokenOf)).toEqual([TOKEN]);
  });

  it('a successful create-stream answer holding pieces of the token reaches neither the renderer nor history', async () => {
    const { id } = await value<View>('profiles:save', { name: 'Echo', baseUrl: psr.url, token: TOKEN });
    const { entry } = await value<{ entry: HistoryEntry }>('psr:createStream', { profileId: id, request });
    expect(entry.error).toBeNull();
    expect(entry.response?.data.call_id).toBe('c-«redacted»');
    const history = fs.readdirSync(path.join(dir, 'history')).map((n) => fs.readFileSync(path.join(dir, 'history', n), 'utf8'));
    const shown = JSON.stringify(entry) + history.join('\n');
    for (const run of runs(TOKEN)) expect(shown, run).not.toContain(run);
  });

  it('a body cut at 64 KiB keeps no first characters of a token it ended with', async () => {
    const { id } = await value<View>('profiles:save', { name: 'Bare', baseUrl: `${psr.url}/clip`, authScheme: 'none', token: TOKEN });
    const prefix = TOKEN.slice(0, 9);
    const rec = await call('psr:fetchRecording', { url: '/clip/rec.wav', profileId: id });
    expect(rec.ok).toBe(false);
    expect(JSON.stringify(rec)).toContain('x'.repeat(100));
    expect(JSON.stringify(rec)).not.toContain(prefix);

    const { entry } = await value<{ entry: HistoryEntry }>('psr:createStream', { profileId: id, request });
    expect(entry.error).toMatchObject({ code: 'PSR_HTTP_5XX' });
    expect(entry.rawBody).toContain('«redacted');
    const history = fs.readdirSync(path.join(dir, 'history')).map((n) => fs.readFileSync(path.join(dir, 'history', n), 'utf8'));
    expect(JSON.stringify(entry) + history.join('\n')).not.toContain(prefix);
    expect(psr.requests.map(tokenOf)).toEqual([TOKEN, TOKEN]);
  });
});
