// Live events rebuilt from a recording, for calls that were not watched live (a simulator call to an
// outside bot, an endpoint call recorded by another process): levels and voice activity are computed
// with the endpoint's own meter and VAD, so the replay looks like the live view would have.
import { LevelMeter } from '../../shared/audio/levels';
import { EnergyVad } from '../../shared/audio/vad';
import type { Leg, LevelWindow } from '../../shared/contract/live';
import { decodeWav } from '../audio/wav';
import { floatToInt16 } from '../audio/pcm';
import type { LiveLine } from './call-record';

export function linesFromWav(bytes: Uint8Array, callId: string, startedAt: number, tenant: string | null): LiveLine[] {
  const wav = decodeWav(bytes);
  const legs: Leg[] = wav.channels >= 2 ? ['A', 'B'] : ['A'];
  const byT = new Map<number, LevelWindow[]>();
  const voice: LiveLine[] = [];
  let endMs = 0;
  legs.forEach((leg, ch) => {
    const samples = floatToInt16(wav.samples[ch]!);
    const meter = new LevelMeter(wav.sampleRate);
    const vad = new EnergyVad();
    meter.push(samples, 0, 1, samples.length, (t, peakDbfs, rmsDbfs, clipped) => {
      if (vad.update(rmsDbfs)) voice.push({ w: t + 20, e: 'call:voice', p: { callId, leg, speaking: vad.speaking, t, at: startedAt + t } });
      let list = byT.get(t);
      if (!list) byT.set(t, (list = []));
      list.push({ leg, t, peakDbfs, rmsDbfs, clipped, speaking: vad.speaking });
      if (t + 20 > endMs) endMs = t + 20;
    });
  });
  const lines: LiveLine[] = [
    { w: 0, e: 'call:started', p: { callId, source: 'endpoint', startedAt, tenant, query: {}, channel: legs.length === 2 ? 'stereo' : 'mono_a', legs, recordingPath: null } },
  ];
  for (const [t, windows] of [...byT.entries()].sort((a, b) => a[0] - b[0])) {
    lines.push({ w: t + 20, e: 'call:levels', p: { callId, receivedAt: startedAt + t + 20, windows } });
  }
  lines.push(...voice);
  lines.push({
    w: endMs,
    e: 'call:ended',
    p: { callId, endedAt: startedAt + endMs, reason: 'closed', stats: { frames: 0, bytes: bytes.length, audioSeconds: endMs / 1000, wallSeconds: endMs / 1000, gaps: 0, jitterMs: 0, errors: {} }, recordingPath: null },
  });
  // Stable sort: at equal times, levels before the voice change they caused.
  return lines.sort((a, b) => a.w - b.w);
}

/** The recording as interleaved 16-bit PCM of its legs, for listening to a replay (8 kHz only). */
export function interleavedPcm(bytes: Uint8Array): { pcm: Int16Array; legs: Leg[]; sampleRate: number } | null {
  const wav = decodeWav(bytes);
  if (wav.sampleRate !== 8000) return null;
  const legs: Leg[] = wav.channels >= 2 ? ['A', 'B'] : ['A'];
  const chans = legs.map((_, i) => floatToInt16(wav.samples[i]!));
  const n = chans[0]!.length;
  const stride = legs.length;
  const pcm = new Int16Array(n * stride);
  for (let c = 0; c < stride; c++) {
    const src = chans[c]!;
    for (let i = 0; i < n; i++) pcm[i * stride + c] = src[i]!;
  }
  return { pcm, legs, sampleRate: 8000 };
}
