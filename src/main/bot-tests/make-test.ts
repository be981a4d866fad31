// "Make a test from this call": a recorded call (endpoint, tap mode or simulator) becomes a scenario.
// The caller's utterances, cut from leg B by energy VAD, become `say` steps (WAVs beside the scenario);
// each measured turn latency plus a margin becomes an `expect_reply` limit; the bot's hangup or
// transfer becomes the last expectation.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { toDbfs } from '../../shared/audio/levels';
import { EnergyVad } from '../../shared/audio/vad';
import { AppError } from '../../shared/errors';
import { CallsDisk, readJson } from '../calls/disk';
import { floatToInt16 } from '../audio/pcm';
import { decodeWav, encodeWav16 } from '../audio/wav';
import { resample } from '../../shared/audio/resample';
import { BOT_ACTIVE_DBFS, FRAME_SAMPLES } from './caller';
import { speechEnd } from './load-scenario';

export interface MakeTestArgs {
  recordingsDir: string;
  callId: string;
  folder: string;
  name?: string | undefined;
  marginMs: number;
}

interface Span {
  start: number;
  end: number;
}

const PAD_SAMPLES = 800; // 100 ms of lead-in and tail around each cut utterance
const MAX_SAYS = 100;

function frameDbfs(pcm: Int16Array, f: number): number {
  let s = 0;
  const o = f * FRAME_SAMPLES;
  for (let i = 0; i < FRAME_SAMPLES; i++) {
    const v = pcm[o + i] ?? 0;
    s += v * v;
  }
  return toDbfs(Math.sqrt(s / FRAME_SAMPLES) / 32768);
}

/**
 * Caller utterances: VAD with a 240 ms hangover. Shorter than a bot's usual end-of-turn silence (the
 * endpoint's is 300 ms), so a pause the bot may have taken for the end of a turn splits the line.
 */
export function utterances(pcm: Int16Array): Span[] {
  const vad = new EnergyVad({ hangoverWindows: 12 });
  const frames = Math.floor(pcm.length / FRAME_SAMPLES);
  const out: Span[] = [];
  let start = -1;
  let lastLoud = -1;
  for (let f = 0; f < frames; f++) {
    const db = frameDbfs(pcm, f);
    if (db > -40) lastLoud = f;
    vad.update(db);
    if (vad.speaking && start < 0) start = Math.max(0, f - 2);
    if (!vad.speaking && start >= 0) {
      out.push({ start: start * FRAME_SAMPLES, end: (lastLoud + 1) * FRAME_SAMPLES });
      start = -1;
    }
  }
  if (start >= 0) out.push({ start: start * FRAME_SAMPLES, end: (lastLoud + 1) * FRAME_SAMPLES });
  return out;
}

/** Frames where the bot talks (the runner's own rule), as sample spans. */
function botSpans(pcm: Int16Array): Span[] {
  const frames = Math.floor(pcm.length / FRAME_SAMPLES);
  const out: Span[] = [];
  let start = -1;
  for (let f = 0; f <= frames; f++) {
    const on = f < frames && frameDbfs(pcm, f) > BOT_ACTIVE_DBFS;
    if (on && start < 0) start = f;
    if (!on && start >= 0) {
      out.push({ start: start * FRAME_SAMPLES, end: f * FRAME_SAMPLES });
      start = -1;
    }
  }
  return out;
}

function legs(file: string): { a: Int16Array | null; b: Int16Array } {
  const wav = decodeWav(new Uint8Array(fs.readFileSync(file)));
  const to8k = (x: Float32Array) => floatToInt16(wav.sampleRate === 8000 ? x : resample(x, wav.sampleRate, 8000));
  if (wav.channels >= 2) return { a: to8k(wav.samples[0]!), b: to8k(wav.samples[1]!) };
  return { a: null, b: to8k(wav.samples[0]!) };
}

const ms = (samples: number) => Math.round(samples / 8);

export async function makeTestFromCall(args: MakeTestArgs): Promise<{ file: string; steps: number; says: number; latencies: number[] }> {
  const disk = new CallsDisk(args.recordingsDir);
  const candidates: { wav: string; meta: string }[] = [
    { wav: disk.simulatorFullWav(args.callId), meta: disk.simulatorMeta(args.callId) },
    { wav: disk.endpointWav(args.callId), meta: disk.endpointMeta(args.callId) },
  ];
  const found = candidates.find((c) => fs.existsSync(c.wav));
  if (!found) throw new AppError('CALL_NOT_TESTABLE', `no recording of call ${args.callId} in the library`, 'callId', { context: 'no_recording', callId: args.callId.slice(0, 120) });
  const meta = ((await readJson(found.meta)) ?? {}) as Record<string, unknown>;
  const channel = meta.channel === 'mono_a' || meta.channel === 'mono_b' ? meta.channel : 'stereo';
  if (channel === 'mono_a') throw new AppError('CALL_NOT_TESTABLE', "the call was streamed mono_a: its recording has no caller's leg (B) to cut utterances from", 'callId', { context: 'mono_a' });
  const { a, b } = legs(found.wav);
  const says = utterances(b).slice(0, MAX_SAYS);
  if (says.length === 0) throw new AppError('CALL_NOT_TESTABLE', "the caller's leg (B) of this call is silent: there is nothing to say", 'callId', { context: 'silent' });
  const bot = a ? botSpans(a) : [];
  const margin = args.marginMs;

  fs.mkdirSync(args.folder, { recursive: true });
  const base = `call-${args.callId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 12)}`;
  const steps: unknown[] = [];
  const latencies: number[] = [];
  const firstBot = bot[0];
  let t = 0; // samples: how far into the original call the steps so far have brought the caller
  if (firstBot && firstBot.start < says[0]!.start) {
    steps.push({ expect_bot_audio: { within_ms: ms(firstBot.start) + margin } });
    t = firstBot.start;
  }
  // The longest pause inside one bot turn (between words or prompts): waiting for less than that
  // would make the caller talk over the bot.
  let innerGap = 0;
  for (let i = 1; i < bot.length; i++) {
    const gapStart = bot[i - 1]!.end;
    if (!says.some((u) => u.start >= gapStart && u.start < bot[i]!.start)) innerGap = Math.max(innerGap, bot[i]!.start - gapStart);
  }
  const quietMs = (gap: number) => Math.max(300, Math.min(2000, Math.max(ms(gap), ms(innerGap) + 100)));
  const cuts = says.map((u, i) => {
    const before = i === 0 ? PAD_SAMPLES : Math.min(PAD_SAMPLES, Math.floor((u.start - says[i - 1]!.end) / 2));
    const after = i === says.length - 1 ? PAD_SAMPLES : Math.min(PAD_SAMPLES, Math.floor((says[i + 1]!.start - u.end) / 2));
    return { start: Math.max(0, u.start - before), end: Math.min(b.length, u.end + after) };
  });
  cuts.forEach((c, i) => {
    // Before this line: did the caller wait for the bot to finish, talk over it, or just pause?
    const u = says[i]!;
    const talking = bot.some((s) => s.start < u.start && s.end > u.start);
    const spokeSince = bot.filter((s) => s.start >= t - 8 * 20 && s.end <= c.start).pop();
    if (talking) {
      if (c.start - t >= 160) steps.push({ silence: ms(c.start - t) });
    } else if (spokeSince) steps.push({ wait_bot_quiet: { ms: quietMs(c.start - spokeSince.end) } });
    else if (c.start - t >= 160) steps.push({ silence: Math.min(60_000, ms(c.start - t)) });
    const cut = b.slice(c.start, c.end);
    const wavName = `${base}-caller-${i + 1}.wav`;
    fs.writeFileSync(path.join(args.folder, wavName), encodeWav16([cut], 8000));
    steps.push({ say: wavName });
    t = c.end;
    // The bot's reply: its first audio after the caller's last word, before the caller's next line.
    const lastWord = c.start + speechEnd(cut);
    const next = cuts[i + 1];
    // None when the bot was still talking at the caller's last word (it talked over the caller).
    const overlapped = bot.some((s) => s.start < lastWord && s.end > lastWord - 8 * 20);
    const reply = overlapped ? undefined : bot.find((s) => s.start >= lastWord - 8 * 20 && (!next || s.start < says[i + 1]!.start));
    if (reply) {
      const latency = Math.max(0, ms(reply.start - lastWord));
      latencies.push(latency);
      steps.push({ expect_reply: { within_ms: latency + margin } });
      t = Math.max(t, reply.start);
    }
  });
  const cursor = t;
  const reason = String(meta.reason ?? '');
  const transferredTo = typeof meta.transferredTo === 'string' ? meta.transferredTo : null;
  const end = b.length;
  const lastAt = Math.max(cursor, bot.length ? bot[bot.length - 1]!.end : 0);
  if (transferredTo) steps.push({ expect_transfer: { extension: transferredTo, within_ms: ms(end - cursor) + margin + 2000 } });
  else if (reason === 'hangup' || reason === 'bot-hangup') steps.push({ expect_hangup: { within_ms: ms(end - lastAt) + ms(lastAt - cursor) + margin + 2000 } });
  else steps.push('hangup');

  const query = typeof meta.query === 'object' && meta.query !== null ? (meta.query as Record<string, string>) : {};
  const parameter = Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'call_id' && k !== 'tenant'));
  const scenario = {
    name: args.name ?? `Call ${args.callId}`,
    description: `Made from call ${args.callId} (${says.length} caller turns; limits = measured latency + ${margin} ms).`,
    call: { app: 'bot', channel, is_silence: true, ...(Object.keys(parameter).length ? { parameter } : {}) },
    steps,
    expect: { ...(latencies.length ? { turn_latency_ms: { max: Math.max(...latencies) + margin } } : {}), protocol: 'warn' },
  };
  const file = path.join(args.folder, `${base}.yaml`);
  fs.writeFileSync(file, `# Bot test made from a recorded call by PSR Console. Format: docs/scenarios.md\n${stringify(scenario, { lineWidth: 0 })}`);
  return { file, steps: steps.length, says: says.length, latencies };
}
