// Turns a scenario file into what the generator needs: the call's channel and parameters, the
// caller plan (steps), and the caller's sounds pre-encoded once for every call.
// Reads the scenario format's JSON form (a subset of the bot-tests scenario steps); paths are
// relative to the scenario file.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { wavToPsrPcm } from '../audio/wav';
import type { CallerPlan, PlanStep } from './caller-plan';
import { preEncodeLegB, type Channel } from './pre-encoded';
import type { SharedClip } from './worker-protocol';

const ms = z.number().int().min(0).max(3_600_000);
const stepSchema = z.union([
  z.object({ expect_bot_audio: z.object({ within_ms: ms }).strict() }).strict(),
  z.object({ wait_bot_quiet: z.object({ ms, timeout_ms: ms.optional() }).strict() }).strict(),
  z.object({ say: z.string().min(1) }).strict(),
  z.object({ silence: ms }).strict(),
  z.object({ expect_reply: z.object({ within_ms: ms }).strict() }).strict(),
  z.object({ expect_no_reply: z.object({ for_ms: ms }).strict() }).strict(),
  z.object({ expect_hangup: z.object({ within_ms: ms }).strict() }).strict(),
  z.literal('hangup'),
  z.object({ hangup: z.null() }).strict(),
]);

const scenarioSchema = z.object({
  name: z.string().min(1),
  call: z
    .object({
      app: z.enum(['bot', 'dial']).optional(),
      channel: z.enum(['stereo', 'mono_a', 'mono_b']).optional(),
      is_silence: z.boolean().optional(),
      parameter: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    })
    .passthrough()
    .optional(),
  steps: z.array(stepSchema).min(1).max(500),
  max_call_ms: ms.optional(),
  expect: z.unknown().optional(),
});

export interface CampaignScenario {
  name: string;
  channel: Channel;
  parameter: Record<string, string>;
  plan: CallerPlan;
  clips: SharedClip[];
}

function fail(file: string, issue: z.core.$ZodIssue): never {
  const where = issue.path.length ? issue.path.join('.') : '(top level)';
  throw new AppError('CAMPAIGN_BAD_SCENARIO', `${file}: field '${where}': ${issue.message}`, where);
}

export function loadScenario(file: string): CampaignScenario {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('CAMPAIGN_BAD_SCENARIO', `${file}: cannot be read (${(e as Error).message})`, 'scenario');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError('CAMPAIGN_BAD_SCENARIO', `${file}: not valid JSON (${(e as Error).message})`, 'scenario');
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) fail(file, parsed.error.issues[0]!);
  const sc = parsed.data;
  const channel = sc.call?.channel ?? 'stereo';
  const clips: SharedClip[] = [];
  const clipIndex = new Map<string, number>();
  const steps: PlanStep[] = sc.steps.map((s, i): PlanStep => {
    if (s === 'hangup' || 'hangup' in s) return { kind: 'hangup' };
    if ('expect_bot_audio' in s) return { kind: 'expect_bot_audio', withinMs: s.expect_bot_audio.within_ms };
    if ('wait_bot_quiet' in s) return { kind: 'wait_bot_quiet', ms: s.wait_bot_quiet.ms, timeoutMs: s.wait_bot_quiet.timeout_ms ?? 30_000 };
    if ('silence' in s) return { kind: 'silence', ms: s.silence };
    if ('expect_reply' in s) return { kind: 'expect_reply', withinMs: s.expect_reply.within_ms };
    if ('expect_no_reply' in s) return { kind: 'expect_no_reply', forMs: s.expect_no_reply.for_ms };
    if ('expect_hangup' in s) return { kind: 'expect_hangup', withinMs: s.expect_hangup.within_ms };
    const wav = path.resolve(path.dirname(file), s.say);
    let clip = clipIndex.get(wav);
    if (clip === undefined) {
      let pcm: Int16Array;
      try {
        pcm = wavToPsrPcm(fs.readFileSync(wav));
      } catch (e) {
        throw new AppError('CAMPAIGN_BAD_SCENARIO', `${file}: field 'steps.${i}.say': cannot use ${s.say} (${(e as Error).message})`, `steps.${i}.say`);
      }
      const shared = new Int16Array(new SharedArrayBuffer(pcm.byteLength));
      shared.set(pcm);
      clip = clips.length;
      clips.push({ ...preEncodeLegB(shared, channel), pcm: shared });
      clipIndex.set(wav, clip);
    }
    return { kind: 'say', clip, label: s.say };
  });
  const parameter: Record<string, string> = {};
  for (const [k, v] of Object.entries(sc.call?.parameter ?? {})) parameter[k] = String(v);
  const totalWait = steps.reduce((t, s) => t + ('withinMs' in s ? s.withinMs : 'timeoutMs' in s ? s.timeoutMs : 'ms' in s ? s.ms : 'forMs' in s ? s.forMs : s.kind === 'say' ? clips[s.clip]!.frames * 20 : 0), 0);
  return { name: sc.name, channel, parameter, plan: { steps, maxCallMs: sc.max_call_ms ?? totalWait + 10_000 }, clips };
}
