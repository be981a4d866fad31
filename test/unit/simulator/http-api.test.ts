// The simulator's HTTP API: the vendor's cURL example, every validation rule, auth, limits, recordings.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../../src/main/audio/wav';
import type { Simulator } from '../../../src/main/simulator/simulator';
import { tones } from './audio-helpers';
import { createStream, startSimulator, startTestBot, tempDir, TOKEN, wavFile } from './sim-fixtures';

const run = promisify(execFile);

let sim: Simulator;
let baseUrl: string;
let bot: Awaited<ReturnType<typeof startTestBot>>;

beforeAll(async () => {
  ({ sim, baseUrl } = await startSimulator({ maxFileBytes: 200_000, maxBodyBytes: 300_000 }));
  bot = await startTestBot();
});
afterAll(async () => {
  await sim.stop();
  await bot.close();
});

describe('POST /psr/v1/call/stream', () => {
  it("answers the vendor's cURL example (run with curl, a local WAV) with the documented shape", async () => {
    const dir = tempDir();
    const wav = path.join(dir, 'greeting.wav');
    fs.writeFileSync(wav, wavFile(tones(8000, 0.5), 8000));
    const { stdout } = await run('curl', [
      '-sS', '--max-time', '10', '-X', 'POST', `${baseUrl}/psr/v1/call/stream`,
      '-H', `Authorization: Bearer ${TOKEN}`,
      '-F', `url=${bot.url}`,
      '-F', 'destination=0900000000',
      '-F', 'app=bot',
      '-F', 'channel=stereo',
      '-F', 'is_silence=false',
      '-F', `audio_file=@${wav}`,
      '-F', 'parameter={"danh_xung":"anh"}',
    ]);
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({ code: 'OK', message: 'OK', data: { status: 'in-progress' } });
    const id = body.data.call_id as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.data.full_recording_url).toBe(`${baseUrl}/psr/v1/call/record/full_${id}.wav`);
    expect(body.data.recording_url).toBe(`${baseUrl}/psr/v1/call/record/${id}.wav`);
    const conn = await bot.nextConnection();
    expect(conn.query.get('danh_xung')).toBe('anh');

    // While the call runs, recordings are 404 (with the same auth)…
    const auth = { authorization: `Bearer ${TOKEN}` };
    const early = await fetch(body.data.full_recording_url, { headers: auth });
    expect(early.status).toBe(404);
    expect((await early.json()).code).toBe('SIM_RECORDING_NOT_READY');
    // …and without auth they are 401.
    expect((await fetch(body.data.recording_url)).status).toBe(401);

    await conn.waitFor((m) => m.event === 'media');
    await sim.hangup(id);
    await conn.closed;
    const full = await fetch(body.data.full_recording_url, { headers: auth });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/wav');
    const fw = decodeWav(new Uint8Array(await full.arrayBuffer()));
    expect(fw).toMatchObject({ channels: 2, sampleRate: 8000, bitDepth: 16 });
    const mixed = await fetch(body.data.recording_url, { headers: { authorization: `Basic ${TOKEN}` } });
    expect(mixed.status).toBe(200);
    const mw = decodeWav(new Uint8Array(await mixed.arrayBuffer()));
    expect(mw.channels).toBe(1);
    expect(mw.samples[0]!.length).toBe(fw.samples[0]!.length);
    expect(fs.existsSync(path.join(sim['opts'].recordDir, `${id}.meta.json`))).toBe(true);
  });

  const base = () => ({ url: bot.url, destination: '0900000001', app: 'bot' });
  const rules: { name: string; fields: () => Record<string, string>; field: string; code: string }[] = [
    { name: 'missing url', fields: () => ({ destination: '0900', app: 'bot' }), field: 'url', code: 'SIM_FIELD_MISSING' },
    { name: 'url not a WebSocket URL', fields: () => ({ ...base(), url: 'http://example.test/ws' }), field: 'url', code: 'SIM_FIELD_INVALID' },
    { name: 'missing destination', fields: () => ({ url: bot.url, app: 'bot' }), field: 'destination', code: 'SIM_FIELD_MISSING' },
    { name: 'bad app', fields: () => ({ ...base(), app: 'robot' }), field: 'app', code: 'SIM_FIELD_INVALID' },
    { name: 'bad channel', fields: () => ({ ...base(), channel: 'left' }), field: 'channel', code: 'SIM_FIELD_INVALID' },
    { name: 'dial without extension', fields: () => ({ ...base(), app: 'dial' }), field: 'extension', code: 'SIM_FIELD_MISSING' },
    { name: 'dial is the default app, so no extension fails', fields: () => ({ url: bot.url, destination: '0900' }), field: 'extension', code: 'SIM_FIELD_MISSING' },
    { name: 'bad is_silence', fields: () => ({ ...base(), is_silence: 'yes' }), field: 'is_silence', code: 'SIM_FIELD_INVALID' },
    { name: 'parameter not JSON', fields: () => ({ ...base(), parameter: '{danh_xung:anh}' }), field: 'parameter', code: 'SIM_FIELD_INVALID' },
    { name: 'parameter a JSON array', fields: () => ({ ...base(), parameter: '["anh"]' }), field: 'parameter', code: 'SIM_FIELD_INVALID' },
  ];
  for (const r of rules) {
    it(`400 for ${r.name}, naming '${r.field}'`, async () => {
      const before = sim.calls.size;
      const { status, body } = await createStream(baseUrl, r.fields());
      expect(status).toBe(400);
      expect(body.code).toBe(r.code);
      expect(body.message).toContain(`'${r.field}'`);
      expect(sim.calls.size).toBe(before);
    });
  }

  it('400 for an audio_file that is not a WAV', async () => {
    const { status, body } = await createStream(baseUrl, base(), { file: new TextEncoder().encode('not a wav at all, sorry') });
    expect(status).toBe(400);
    expect(body.code).toBe('WAV_NOT_WAV');
    expect(body.message).toContain("'audio_file'");
  });

  it('413 for an audio_file over the file limit, and for a body over the body limit', async () => {
    const big = wavFile(tones(8000, 20), 8000); // 320 KB
    const r1 = await createStream(baseUrl, base(), { file: big.subarray(0, 250_000) });
    expect(r1.status).toBe(413);
    expect(r1.body.code).toBe('SIM_BODY_TOO_LARGE');
    expect(r1.body.message).toContain("'audio_file'");
    const r2 = await createStream(baseUrl, base(), { file: big });
    expect(r2.status).toBe(413);
    expect(r2.body.code).toBe('SIM_BODY_TOO_LARGE');
  });

  for (const [name, auth] of [
    ['a missing Authorization header', null],
    ['a wrong token', 'Bearer wrong-token'],
    ['an unknown scheme', `Token ${TOKEN}`],
  ] as const) {
    it(`401 for ${name}`, async () => {
      const { status, body } = await createStream(baseUrl, base(), { auth });
      expect(status).toBe(401);
      expect(body.code).toBe('SIM_UNAUTHORIZED');
    });
  }

  it('accepts Basic <token> (vendor README) and Basic base64(user:token)', async () => {
    const r1 = await createStream(baseUrl, { ...base(), is_silence: 'true' }, { auth: `Basic ${TOKEN}` });
    expect(r1.status).toBe(200);
    const r2 = await createStream(baseUrl, { ...base(), is_silence: 'true' }, { auth: `Basic ${Buffer.from(`api:${TOKEN}`).toString('base64')}` });
    expect(r2.status).toBe(200);
    for (const id of [r1.body.data!.call_id, r2.body.data!.call_id]) await sim.hangup(id);
  });

  it('404 for an unknown recording and a path that tries to escape', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${baseUrl}/psr/v1/call/record/full_00000000-0000-0000-0000-000000000000.wav`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${baseUrl}/psr/v1/call/record/..%2F..%2Fetc%2Fpasswd`, { headers: auth })).status).toBe(404);
  });
});
