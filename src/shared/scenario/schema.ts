// The bot-test scenario format (docs/scenarios.md): what the caller (leg B) does, in order, and what
// must hold over the whole call. A user-facing, stable format: add fields, never change their meaning.
import { z } from 'zod';

const ms = (what: string, max = 3_600_000) =>
  z.number({ error: `expected ${what} in milliseconds (a whole number)` }).int(`expected ${what} in whole milliseconds`).min(0, `expected ${what} ≥ 0 ms`).max(max, `expected ${what} ≤ ${max} ms`);

const relPath = z.string({ error: 'expected a file path (relative to the scenario file)' }).min(1, 'expected a file path (relative to the scenario file)');

/** Caller audio: a WAV file (any PCM, converted to 8 kHz mono) or text spoken by espeak-ng. */
export const utteranceSchema = z.union(
  [
    relPath,
    z.object({ file: relPath }).strict(),
    z
      .object({
        text: z.string().min(1, 'expected the text to speak'),
        voice: z.string().regex(/^[A-Za-z0-9_+-]{1,32}$/, 'expected an espeak-ng voice such as en or vi').default('en'),
        /** Words per minute (espeak-ng -s). */
        wpm: z.number().int().min(80).max(400).optional(),
      })
      .strict(),
  ],
  { error: 'expected a WAV path, {file: path} or {text: "…", voice: "vi"}' },
);
export type Utterance = z.output<typeof utteranceSchema>;

const level = z.enum(['off', 'warn', 'fail'], { error: "expected 'off', 'warn' or 'fail'" });
/** Protocol conformance of the bot's actions, from the console's existing checks. */
export const conformanceSchema = z
  .object({
    /** A `media` WAV that is not 8000 Hz (the vendor demo bot sends 16 kHz: PSR plays it, resampled). */
    media_sample_rate: level.default('warn'),
    /** A `media` WAV that is not mono. */
    media_channels: level.default('warn'),
    /** A `media` WAV that is not 16-bit. */
    media_bit_depth: level.default('warn'),
    /** `tranfer`, the docs' misspelling of `transfer`. */
    misspelled_event: level.default('warn'),
    /** Binary WebSocket frames from the bot (PSR ignores them). */
    binary_frames: level.default('warn'),
  })
  .strict();
export type Conformance = z.output<typeof conformanceSchema>;
export type ConformanceRule = keyof Conformance;

const within = (defaultMs: number) => ms('a timeout').default(defaultMs);

/** Each step is a one-key mapping; the key names the step. `hangup` and `expect_hangup` may be bare words. */
export const stepSchemas = {
  expect_bot_audio: z.object({ within_ms: within(5000) }).strict(),
  wait_bot_quiet: z.object({ ms: ms('a quiet time').default(400), within_ms: within(30_000) }).strict(),
  say: utteranceSchema,
  expect_reply: z.object({ within_ms: within(1500) }).strict(),
  silence: ms('a silence'),
  barge_in: z.object({ say: utteranceSchema, after_ms: ms('a delay into the bot’s utterance').default(500), within_ms: within(10_000) }).strict(),
  expect_transfer: z.object({ extension: z.union([z.string(), z.number()]).transform(String).optional(), within_ms: within(10_000) }).strict(),
  expect_no_reply: z.object({ for_ms: ms('a duration') }).strict(),
  hangup: z.union([z.null(), z.object({}).strict()]).transform(() => ({})),
  expect_hangup: z.union([z.null(), z.object({ within_ms: within(10_000) }).strict()]).transform((v) => v ?? { within_ms: 10_000 }),
  expect_query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)),
  conformance: conformanceSchema,
} as const;
export type StepKind = keyof typeof stepSchemas;
export const stepKinds = Object.keys(stepSchemas) as StepKind[];
export const bareSteps: readonly StepKind[] = ['hangup', 'expect_hangup'];

export type Step = { [K in StepKind]: { kind: K; value: z.output<(typeof stepSchemas)[K]>; line: number | null } }[StepKind];


export const callSchema = z
  .object({
    app: z.enum(['bot', 'dial'], { error: "expected 'bot' or 'dial'" }).default('bot'),
    channel: z.enum(['stereo', 'mono_a', 'mono_b'], { error: "expected 'stereo', 'mono_a' or 'mono_b'" }).default('stereo'),
    is_silence: z.boolean({ error: 'expected true or false' }).default(true),
    /** WAV PSR plays on leg A when the call is answered (app=bot, is_silence=false). */
    audio_file: relPath.optional(),
    destination: z.string().min(1).default('0900000000'),
    extension: z.union([z.string(), z.number()]).transform(String).optional(),
    parameter: z.record(z.string(), z.unknown(), { error: 'expected a mapping of query parameters, e.g. { danh_xung: anh }' }).default({}),
    tenant: z.string().min(1).default('bot-tests'),
    /** The whole call may last this long; then the caller hangs up and the test fails. */
    max_ms: ms('a call length', 600_000).default(120_000),
  })
  .strict();

export const expectSchema = z
  .object({
    turn_latency_ms: z.object({ p95_max: ms('a latency').optional(), max: ms('a latency').optional() }).strict().optional(),
    protocol: z.enum(['strict', 'warn'], { error: "expected 'strict' or 'warn'" }).default('warn'),
    bot_audio: z
      .array(z.object({ matches: relPath, min_corr: z.number().min(0).max(1, 'expected a correlation between 0 and 1').default(0.8) }).strict())
      .max(20)
      .default([]),
    conformance: conformanceSchema.optional(),
  })
  .strict();

export const scenarioTopSchema = z
  .object({
    name: z.string({ error: 'expected the scenario name (text)' }).min(1, 'expected the scenario name (text)').max(200),
    description: z.string().max(4000).optional(),
    call: callSchema.default(() => callSchema.parse({})),
    steps: z.array(z.unknown(), { error: 'expected a list of steps' }).min(1, 'expected at least one step').max(500),
    expect: expectSchema.default(() => expectSchema.parse({})),
  })
  .strict();

export type ScenarioCall = z.output<typeof callSchema>;
export type ScenarioExpect = z.output<typeof expectSchema>;

export interface Scenario {
  name: string;
  description?: string | undefined;
  call: ScenarioCall;
  steps: Step[];
  expect: ScenarioExpect;
}
