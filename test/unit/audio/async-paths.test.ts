// Every path that turns a WAV from outside into PSR audio converts it in slices: while one long file
// converts, a ticker on the same event loop keeps running (no timing: the ticker counts turns of the
// loop, and the conversion of this file takes dozens of slices).
import { describe, expect, it } from 'vitest';
import { resample } from '../../../src/shared/audio/resample';
import { decodeMp3, Mp3Encoder } from '../../../src/main/audio/mp3';
import { floatToInt16 } from '../../../src/main/audio/pcm';
import { SLICE_WORK } from '../../../src/main/audio/psr-pcm';
import { toPsrPcm } from '../../../src/main/endpoint/audio-source';
import { convertToPsrWav } from '../../../src/main/audio/wavefile-convert';
import { decodeWav, encodeWav16 } from '../../../src/main/audio/wav';
import { BotActionReader } from '../../../src/main/bot-tests/bot-actions';
import { LegA } from '../../../src/main/bot-tests/leg-a';
import { parseCreateStream } from '../../../src/main/simulator/create-stream-form';

/** 40 s of 16-bit stereo at 44.1 kHz (3.5 M samples): about 14 decode slices and 40 resampling slices. */
function longWav(): Uint8Array {
  const n = 44100 * 40;
  const left = new Int16Array(n);
  const right = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    left[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 44100));
    right[i] = left[i]!;
  }
  return encodeWav16([left, right], 44100);
}

/** Runs `work` while a setImmediate ticker counts turns of the event loop. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    ticks++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { value: await work(), ticks };
  } finally {
    running = false;
  }
}

const minTicks = Math.floor((44100 * 40 * 2) / SLICE_WORK); // the decode step's slices alone

describe('WAVs from outside convert without blocking the event loop', () => {
  it('the simulator upload form (audio_file of POST /psr/v1/call/stream)', async () => {
    const form = { fields: new Map([['url', 'ws://127.0.0.1:9/bot'], ['destination', '0900'], ['app', 'bot']]), file: { name: 'long.wav', bytes: longWav() } };
    const { value, ticks } = await ticksDuring(() => parseCreateStream(form));
    expect(value.audio?.length).toBe(8000 * 40);
    expect(ticks).toBeGreaterThan(minTicks);
  });

  it('the endpoint console media action and the PSR upload conversion (convertToPsrWav)', async () => {
    const { value, ticks } = await ticksDuring(() => convertToPsrWav(longWav()));
    const out = decodeWav(value);
    expect(out).toMatchObject({ channels: 1, sampleRate: 8000, bitDepth: 16 });
    expect(out.samples[0]!.length).toBe(8000 * 40);
    expect(ticks).toBeGreaterThan(minTicks);
  });

  it('the campaign call and the bot test (one reader): a bot media WAV converts in slices and keeps its place before a later transfer', async () => {
    const order: string[] = [];
    const protocol: string[] = [];
    let audioSamples = 0;
    let resolveTransfer!: () => void;
    const transferred = new Promise<void>((r) => (resolveTransfer = r));
    const leg = new LegA();
    leg.onAudio = (label, samples) => {
      order.push(label);
      audioSamples = samples;
    };
    const reader = new BotActionReader({
      playback: leg,
      now: () => 0,
      event: (e) => {
        if (e.kind === 'protocol') protocol.push(e.code);
      },
      transfer: () => {
        order.push('transfer');
        resolveTransfer();
      },
      hangup: () => {},
    });
    const media = JSON.stringify({ event: 'media', media: { payload: Buffer.from(longWav()).toString('base64') } });
    const transfer = JSON.stringify({ event: 'transfer', data: { extension: '101' } });
    const { ticks } = await ticksDuring(async () => {
      reader.receive(Buffer.from(media), false);
      reader.receive(Buffer.from(transfer), false);
      await transferred;
    });
    expect(order).toEqual(['media', 'transfer']);
    expect(audioSamples).toBe(8000 * 40);
    expect(ticks).toBeGreaterThan(minTicks);
    // A payload that is not a WAV is reported as a protocol finding, and the reader goes on.
    reader.receive(Buffer.from(JSON.stringify({ event: 'media', media: { payload: Buffer.from('not a wav').toString('base64') } })), false);
    await reader.idle();
    expect(protocol).toHaveLength(1);
    reader.dispose();
  });

  it('the endpoint file source, for an mp3: decoded and resampled in slices, the same audio as decoding it whole', async () => {
    // 60 s of 22.05 kHz mono at 64 kbps (lamejs), about 480 KB.
    const rate = 22050;
    const src = new Int16Array(rate * 60);
    for (let i = 0; i < src.length; i++) src[i] = Math.round(8000 * Math.sin((2 * Math.PI * 330 * i) / rate));
    const enc = new Mp3Encoder(rate, 64);
    const mp3 = Buffer.concat([enc.encode(src), enc.flush()]);
    const { value, ticks } = await ticksDuring(() => toPsrPcm({ name: 'long.mp3', bytes: mp3, kind: 'mp3' }));
    const whole = await decodeMp3(mp3);
    const expected = floatToInt16(resample(whole.samples, whole.sampleRate, 8000));
    expect(value.length).toBe(expected.length);
    let diff = 0;
    for (let i = 0; i < expected.length; i++) diff = Math.max(diff, Math.abs(value[i]! - expected[i]!));
    expect(diff).toBeLessThanOrEqual(1);
    expect(ticks).toBeGreaterThan(10);
  });
});
