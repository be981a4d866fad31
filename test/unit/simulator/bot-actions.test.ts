// What a bot sends back: media (16 kHz WAV as the vendor's bot does), chunk pcm16 / mp3, is_sync order,
// transfer, hangup, and garbage that must not end the call. Heard on leg A of the stream and recording.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mp3Encoder } from '../../../src/main/audio/mp3';
import { floatToInt16, int16ToBytes, int16ToFloat } from '../../../src/main/audio/pcm';
import { decodeWav } from '../../../src/main/audio/wav';
import { resample } from '../../../src/shared/audio/resample';
import type { SimCall } from '../../../src/main/simulator/sim-call';
import type { Simulator } from '../../../src/main/simulator/simulator';
import { locate, sweep } from './audio-helpers';
import { legsFromMedia, startSimulator, startTestBot, wavFile, type BotConnection } from './sim-fixtures';

let sim: Simulator;
let bot: Awaited<ReturnType<typeof startTestBot>>;

beforeAll(async () => {
  bot = await startTestBot();
  ({ sim } = await startSimulator());
});
afterAll(async () => {
  await sim.stop();
  await bot.close();
});

async function openCall(): Promise<{ call: SimCall; conn: BotConnection }> {
  const call = sim.createCall({ url: bot.url, destination: '0900', app: 'bot', channel: 'stereo', extension: null, isSilence: true, audio: null, audioFileName: null, parameter: null });
  const conn = await bot.nextConnection();
  await conn.waitFor((m) => m.event === 'connected');
  return { call, conn };
}

const mediaCount = (conn: BotConnection) => conn.messages.filter((m) => m.event === 'media').length;
const waitFrames = (conn: BotConnection, n: number) => conn.waitFor((_m, all) => all.filter((x) => x.event === 'media').length >= n);
/** Until `actions` actions were applied and everything queued has played out (checked on every frame). */
const waitPlayedOut = (call: SimCall, conn: BotConnection, actions: number) =>
  conn.waitFor(() => call.actions.media! + call.actions.chunk! >= actions && call.playback.pending === 0 && call.playback.played > 0);

/** After the call: leg A of the stream and of the full recording. */
async function finish(call: SimCall, conn: BotConnection) {
  await sim.hangup(call.id);
  await conn.closed;
  const streamA = int16ToFloat(legsFromMedia(conn.messages, 'stereo').a!);
  const rec = decodeWav(new Uint8Array(fs.readFileSync(call.fullPath)));
  return { streamA, recA: rec.samples[0]! };
}

describe('bot actions', () => {
  it('media: a 16 kHz WAV is resampled and heard on leg A (stream and recording)', async () => {
    const { call, conn } = await openCall();
    const src = sweep(16000, 0.8, 300, 3000, 0.6);
    conn.ws.send(JSON.stringify({ event: 'media', media: { payload: Buffer.from(wavFile(src, 16000)).toString('base64'), is_sync: true } }));
    await waitPlayedOut(call, conn, 1);
    const { streamA, recA } = await finish(call, conn);
    const ref = resample(src, 16000, 8000).subarray(200, 6000);
    expect(locate(ref, streamA).corr).toBeGreaterThan(0.9);
    expect(locate(ref, recA).corr).toBeGreaterThan(0.9);
    expect(call.actions.media).toBe(1);
  });

  it('chunk pcm16: a stream of odd-sized chunks (samples split across chunks) is heard on leg A', async () => {
    const { call, conn } = await openCall();
    const src = floatToInt16(sweep(8000, 1, 250, 3400, 0.5));
    const bytes = int16ToBytes(src);
    for (let i = 0; i < bytes.length; i += 333) {
      conn.ws.send(JSON.stringify({ event: 'chunk', media: { payload: Buffer.from(bytes.subarray(i, i + 333)).toString('base64'), format: 'pcm16' } }));
    }
    await waitPlayedOut(call, conn, Math.ceil(bytes.length / 333));
    const { streamA, recA } = await finish(call, conn);
    const ref = int16ToFloat(src).subarray(100, 7900);
    expect(locate(ref, streamA).corr).toBeGreaterThan(0.99);
    expect(locate(ref, recA).corr).toBeGreaterThan(0.99);
  });

  it('chunk mp3 (default format): an mp3 stream cut at arbitrary points is decoded and heard on leg A', async () => {
    const { call, conn } = await openCall();
    const src = floatToInt16(sweep(8000, 1.2, 250, 3000, 0.5));
    const enc = new Mp3Encoder(8000, 32);
    const mp3 = Buffer.concat([enc.encode(src), enc.flush()]);
    for (let i = 0; i < mp3.length; i += 500) {
      conn.ws.send(JSON.stringify({ event: 'chunk', media: { payload: mp3.subarray(i, i + 500).toString('base64') } }));
    }
    await waitPlayedOut(call, conn, Math.ceil(mp3.length / 500));
    await waitFrames(conn, mediaCount(conn) + 5);
    const { streamA, recA } = await finish(call, conn);
    const ref = int16ToFloat(src).subarray(1000, 8600);
    expect(locate(ref, streamA).corr).toBeGreaterThan(0.9);
    expect(locate(ref, recA).corr).toBeGreaterThan(0.9);
  });

  it('media is_sync=true queues: the second file starts when the first ends', async () => {
    const { call, conn } = await openCall();
    const first = sweep(8000, 0.5, 300, 1200, 0.5);
    const second = sweep(8000, 0.5, 2500, 900, 0.5);
    for (const s of [first, second]) conn.ws.send(JSON.stringify({ event: 'media', media: { payload: Buffer.from(wavFile(s, 8000)).toString('base64'), is_sync: true } }));
    await waitPlayedOut(call, conn, 2);
    const { streamA } = await finish(call, conn);
    const a = locate(first.subarray(0, 3900), streamA);
    const b = locate(second.subarray(0, 3900), streamA);
    expect(a.corr).toBeGreaterThan(0.98);
    expect(b.corr).toBeGreaterThan(0.98);
    expect(b.lag - a.lag).toBe(4000);
  });

  it('media is_sync=false interrupts what is playing', async () => {
    const { call, conn } = await openCall();
    const long = sweep(8000, 2, 300, 1200, 0.5);
    const next = sweep(8000, 0.5, 2500, 900, 0.5);
    conn.ws.send(JSON.stringify({ event: 'media', media: { payload: Buffer.from(wavFile(long, 8000)).toString('base64'), is_sync: true } }));
    // Wait until the long file is audibly playing, then interrupt it.
    await conn.waitFor((m) => m.event === 'media' && Buffer.from(m.media!.payload, 'base64').some((x) => x !== 0));
    await waitFrames(conn, mediaCount(conn) + 10);
    conn.ws.send(JSON.stringify({ event: 'media', media: { payload: Buffer.from(wavFile(next, 8000)).toString('base64'), is_sync: false } }));
    await waitPlayedOut(call, conn, 2);
    const { streamA } = await finish(call, conn);
    const a = locate(long.subarray(0, 1200), streamA);
    const b = locate(next.subarray(0, 3900), streamA);
    expect(b.corr).toBeGreaterThan(0.98);
    expect(b.lag - a.lag).toBeLessThan(16000 - 4000); // started well before the long file's end
    // the long file's tail never played
    expect(locate(long.subarray(12000, 15000), streamA).corr).toBeLessThan(0.5);
  });

  it('hangup: closed, then a normal close', async () => {
    const { call, conn } = await openCall();
    conn.ws.send(JSON.stringify({ event: 'hangup' }));
    expect((await conn.closed).code).toBe(1000);
    expect(conn.messages.at(-1)!.event).toBe('closed');
    await call.finished;
    expect(call.reason).toBe('hangup');
    // The meta file written at the end says how the call ended.
    expect(JSON.parse(fs.readFileSync(call.metaPath, 'utf8'))).toMatchObject({ state: 'completed', reason: 'hangup' });
  });

  it('transfer: leg A becomes the extension, the stream goes on for the same call', async () => {
    const { call, conn } = await openCall();
    conn.ws.send(JSON.stringify({ event: 'media', media: { payload: Buffer.from(wavFile(sweep(8000, 3, 300, 900), 8000)).toString('base64') } }));
    await conn.waitFor((m) => m.event === 'media' && Buffer.from(m.media!.payload, 'base64').some((x) => x !== 0));
    conn.ws.send(JSON.stringify({ event: 'transfer', data: { extension: '205' } }));
    const atTransfer = mediaCount(conn);
    await waitFrames(conn, atTransfer + 20);
    expect(call.transferredTo).toBe('205');
    expect(call.running).toBe(true);
    const after = conn.messages.filter((m) => m.event === 'media').slice(atTransfer + 5);
    expect(after.every((m) => Buffer.from(m.media!.payload, 'base64').every((x) => x === 0))).toBe(true);
    await finish(call, conn);
  });

  it('garbage (binary, non-JSON, unknown event, bad payloads) is logged with codes and the call goes on', async () => {
    const { call, conn } = await openCall();
    conn.ws.send(Buffer.from([1, 2, 3, 4]), { binary: true });
    conn.ws.send('hangup'); // the vendor bot's plain-text test message: not JSON
    conn.ws.send('stream_repeat');
    conn.ws.send(JSON.stringify({ event: 'dance' }));
    conn.ws.send(JSON.stringify({ event: 'media', media: { payload: '!!!not base64!!!' } }));
    conn.ws.send(JSON.stringify({ event: 'media', media: { payload: Buffer.from('RIFF but not really').toString('base64') } }));
    conn.ws.send(JSON.stringify({ event: 'chunk', media: { payload: 'AAAA', format: 'ogg' } }));
    conn.ws.send(JSON.stringify({ event: 'transfer', data: {} }));
    conn.ws.send('[1,2]');
    const start = mediaCount(conn);
    await waitFrames(conn, start + 15);
    expect(call.running).toBe(true);
    expect(call.garbage).toEqual({
      FRAME_BINARY: 1,
      FRAME_NOT_JSON: 2,
      FRAME_BAD_SHAPE: 1,
      FRAME_UNKNOWN_EVENT: 1,
      FRAME_BAD_BASE64: 1,
      BOT_AUDIO_UNDECODABLE: 1,
      FRAME_BAD_FORMAT: 1,
      FRAME_NO_EXTENSION: 1,
    });
    // A valid action still works afterwards.
    conn.ws.send(JSON.stringify({ event: 'hangup' }));
    expect((await conn.closed).code).toBe(1000);
    expect(call.reason).toBe('hangup');
  });
});
