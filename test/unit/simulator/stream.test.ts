// The call engine seen from a bot: query parameters, connected → media (leg A = audio_file) → closed,
// in every channel layout; relative URLs; no-answer/busy; max call length; dial rings both legs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int16ToFloat } from '../../../src/main/audio/pcm';
import { resample } from '../../../src/shared/audio/resample';
import type { Simulator } from '../../../src/main/simulator/simulator';
import { locate, sweep } from './audio-helpers';
import { createStream, legsFromMedia, startSimulator, startTestBot } from './sim-fixtures';

let sim: Simulator;
let baseUrl: string;
let bot: Awaited<ReturnType<typeof startTestBot>>;

beforeAll(async () => {
  bot = await startTestBot();
  ({ sim, baseUrl } = await startSimulator({}, { tenant: 'acme', tenantServer: `ws://127.0.0.1:${bot.port}` }));
});
afterAll(async () => {
  await sim.stop();
  await bot.close();
});

// A 16 kHz source: the simulator must resample it to 8 kHz for leg A.
const source16k = sweep(16000, 0.6, 250, 3200, 0.5);
const expected8k = resample(source16k, 16000, 8000);
const { wavFile } = await import('./sim-fixtures');
const audioFile = wavFile(source16k, 16000);

describe('stream to the bot', () => {
  for (const channel of ['stereo', 'mono_a', 'mono_b'] as const) {
    it(`${channel}: query, connected, media carrying audio_file on leg A, closed`, async () => {
      const { status, body } = await createStream(
        baseUrl,
        { url: bot.url, destination: '0912345678', app: 'bot', channel, parameter: '{"danh_xung":"anh","so_tien":1500000,"vip":true}' },
        { file: audioFile },
      );
      expect(status).toBe(200);
      const id = body.data!.call_id;
      const conn = await bot.nextConnection();
      expect(conn.path).toBe('/bot/ws');
      expect(Object.fromEntries(conn.query)).toEqual({ call_id: id, tenant: 'acme', danh_xung: 'anh', so_tien: '1500000', vip: 'true' });
      // 0.6 s of file + margin
      await conn.waitFor((_m, all) => all.filter((x) => x.event === 'media').length >= 40);
      await sim.hangup(id);
      await conn.closed;
      const events = conn.messages.map((m) => m.event);
      expect(events[0]).toBe('connected');
      expect(events.at(-1)).toBe('closed');
      expect(events.slice(1, -1).every((e) => e === 'media')).toBe(true);
      expect((await conn.closed).code).toBe(1000);
      for (const m of conn.messages) {
        expect(m.data).toEqual({ call_id: id, channel });
        expect(typeof m.timestamp).toBe('number');
      }
      const media = conn.messages.filter((m) => m.event === 'media');
      expect(Buffer.from(media[0]!.media!.payload, 'base64').length).toBe(channel === 'stereo' ? 640 : 320);
      const { a, b } = legsFromMedia(conn.messages, channel);
      if (channel !== 'mono_b') {
        const hit = locate(expected8k.subarray(100, 4700), int16ToFloat(a!));
        expect(hit.corr).toBeGreaterThan(0.98);
        expect(hit.lag).toBe(100); // leg A starts with the file, from the first media frame
      } else {
        // leg B is silence here: the file must not leak into it
        expect(b!.every((s) => s === 0)).toBe(true);
      }
      if (channel === 'stereo') expect(b!.every((s) => s === 0)).toBe(true);
    });
  }

  it('resolves a relative url against the tenant server', async () => {
    const { status } = await createStream(baseUrl, { url: '/relative/path', destination: '0900', app: 'bot', is_silence: 'true' });
    expect(status).toBe(200);
    const conn = await bot.nextConnection();
    expect(conn.path).toBe('/relative/path');
    await conn.waitFor((m) => m.event === 'media');
    await sim.hangup(conn.query.get('call_id')!);
  });

  it('app=dial rings the extension then the destination, and streams', async () => {
    const { status, body } = await createStream(baseUrl, { url: bot.url, destination: '0900', app: 'dial', extension: '101' });
    expect(status).toBe(200);
    const conn = await bot.nextConnection();
    await conn.waitFor((m) => m.event === 'media');
    const call = sim.calls.get(body.data!.call_id)!;
    expect(call.log.map((l) => l.text).join('\n')).toMatch(/ringing extension 101[\s\S]*ringing 0900/);
    await sim.hangup(call.id);
  });

  it('ends a call at max call seconds with closed and a normal close', async () => {
    const call = sim.createCall(
      { url: bot.url, destination: '0900', app: 'bot', channel: 'mono_a', extension: null, isSilence: true, audio: null, audioFileName: null, parameter: null },
      { maxCallSeconds: 1 },
    );
    const conn = await bot.nextConnection();
    expect((await conn.closed).code).toBe(1000);
    await call.finished;
    expect(call.reason).toBe('max-duration');
    expect(conn.messages.at(-1)!.event).toBe('closed');
    expect(conn.messages.filter((m) => m.event === 'media').length).toBe(50);
  });

  it('no-answer and busy never open the stream', async () => {
    const req = { url: bot.url, destination: '0900', app: 'bot' as const, channel: 'stereo' as const, extension: null, isSilence: true, audio: null, audioFileName: null, parameter: null };
    const busy = sim.createCall(req, { outcome: 'busy' });
    const none = sim.createCall(req, { outcome: 'no-answer' });
    const before = bot.connections.length;
    await busy.finished;
    expect(busy.state).toBe('busy');
    await sim.hangup(none.id); // the caller gives up early in this test
    expect(none.state).toBe('completed');
    expect(none.answeredAt).toBeNull();
    expect(bot.connections.length).toBe(before);
  });
});
