// Contract of the "simulator" domain: the offline PSR simulator and the demo call.
// The simulator's token never crosses: the renderer only sees its last four characters.
import { z } from 'zod';
import { logMessageSchema } from '../call-log/line';
import { defineCall, defineEvent, noArgs, okResult } from './define';

export const legBModeSchema = z.enum(['mic', 'script', 'silence']);
export type LegBModeArg = z.infer<typeof legBModeSchema>;
export const callOutcomeSchema = z.enum(['answer', 'no-answer', 'busy']);
export const simCallStateSchema = z.enum(['ringing', 'in-progress', 'completed', 'no-answer', 'busy', 'failed']);

const settingsFields = {
  port: z.number().int('a whole port number').min(0, 'a port between 0 and 65535').max(65535, 'a port between 0 and 65535'),
  /** 0 = no limit. */
  maxCallSeconds: z.number().int('a whole number of seconds').min(0, 'between 0 (no limit) and 86400 seconds').max(86400, 'between 0 (no limit) and 86400 seconds'),
  legB: legBModeSchema,
  outcome: callOutcomeSchema,
  ringSeconds: z.number().min(0, 'between 0 and 60 seconds').max(60, 'between 0 and 60 seconds'),
  /** Script and demo prompts language. */
  language: z.enum(['en', 'vi']),
  /** Base a relative create-stream `url` is resolved against (the tenant's configured server). */
  tenantServer: z
    .string()
    .trim()
    .regex(/^wss?:\/\/[^\s/]+/, 'a ws:// or wss:// server such as ws://127.0.0.1:8000'),
  tenant: z.string().trim().min(1, 'a tenant name').max(64, 'a tenant name of at most 64 characters'),
  trustSelfSigned: z.boolean(),
};

export const simulatorSettingsSchema = z.object({
  port: settingsFields.port.default(8790),
  maxCallSeconds: settingsFields.maxCallSeconds.default(300),
  legB: settingsFields.legB.default('script'),
  outcome: settingsFields.outcome.default('answer'),
  ringSeconds: settingsFields.ringSeconds.default(1),
  language: settingsFields.language.default('en'),
  tenantServer: settingsFields.tenantServer.default('ws://127.0.0.1:8000'),
  tenant: settingsFields.tenant.default('simulator'),
  trustSelfSigned: settingsFields.trustSelfSigned.default(false),
});
/** A change to some settings: absent keys stay as they are (no defaults filled in). */
export const simulatorSettingsPatchSchema = z.object(settingsFields).partial().strict();
export type SimulatorSettings = z.infer<typeof simulatorSettingsSchema>;

export const simCallViewSchema = z.object({
  callId: z.string(),
  state: simCallStateSchema,
  app: z.enum(['bot', 'dial']),
  destination: z.string(),
  extension: z.string().nullable(),
  channel: z.enum(['stereo', 'mono_a', 'mono_b']),
  legB: legBModeSchema,
  outcome: callOutcomeSchema,
  /** The bot URL without its query (which may carry customer data). */
  botUrl: z.string(),
  createdAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  reason: z.string().nullable(),
  transferredTo: z.string().nullable(),
  framesSent: z.number().int(),
  actions: z.record(z.string(), z.number().int()),
  garbage: z.record(z.string(), z.number().int()),
  /** Last log lines (newest last). */
  log: z.array(z.object({ at: z.number(), code: z.string().optional(), text: z.string(), msg: logMessageSchema.optional() })),
  /** True once the recordings are finalised and can be fetched. */
  recordingsReady: z.boolean(),
  demo: z.boolean(),
});
export type SimCallView = z.infer<typeof simCallViewSchema>;

export const simulatorStatusSchema = z.object({
  running: z.boolean(),
  baseUrl: z.string().nullable(),
  /** Last four characters of the simulator's token (profile "Offline simulator"); never the token. */
  tokenLast4: z.string().nullable(),
  settings: simulatorSettingsSchema,
  recordDir: z.string(),
  calls: z.array(simCallViewSchema),
});
export type SimulatorStatus = z.infer<typeof simulatorStatusSchema>;

const callIdArg = z.string().min(1, 'a call id').max(100, 'a call id of at most 100 characters');
/** 8 kHz 16-bit mono little-endian PCM, base64; at most 1 s per message. */
const pcmBase64 = z
  .string()
  .max(22_000, 'at most 1 second of 8 kHz 16-bit audio (base64)')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');

export const simulatorCalls = {
  'simulator:status': defineCall(noArgs, simulatorStatusSchema, 'Simulator state, settings and recent calls'),
  'simulator:start': defineCall(noArgs, simulatorStatusSchema, 'Start the simulator HTTP API on 127.0.0.1 (settings.port)'),
  'simulator:stop': defineCall(noArgs, simulatorStatusSchema, 'End every simulated call and stop the simulator'),
  'simulator:saveSettings': defineCall(simulatorSettingsPatchSchema, simulatorStatusSchema, 'Change simulator settings (port applies on the next start)'),
  'simulator:hangup': defineCall(z.object({ callId: callIdArg }).strict(), okResult, 'The customer (leg B) hangs up a simulated call'),
  'simulator:micFrames': defineCall(
    z.object({ callId: callIdArg.optional(), pcm: pcmBase64 }).strict(),
    z.object({ ok: z.literal(true), calls: z.number().int() }),
    'Microphone audio for leg B (8 kHz 16-bit mono, base64), for calls whose leg B is the microphone',
  ),
  'simulator:startDemoCall': defineCall(
    z.object({ legB: legBModeSchema.optional(), language: z.enum(['en', 'vi']).optional() }).strict().optional().default({}),
    z.object({ callId: z.string(), simulatorCallId: z.string(), baseUrl: z.string(), botUrl: z.string(), legB: legBModeSchema }),
    'Start the simulator, the embedded endpoint with the demo bot, and a call between them',
  ),
  'simulator:recording': defineCall(
    z.object({ callId: callIdArg, kind: z.enum(['full', 'mixed']) }).strict(),
    z.object({ name: z.string(), mime: z.literal('audio/wav'), base64: z.string(), bytes: z.number().int() }),
    'A finished simulated call recording (full = stereo A|B, mixed = mono), as base64 WAV',
  ),
};

export const simulatorEvents = {
  'simulator:changed': defineEvent(simulatorStatusSchema, 'The simulator started/stopped or a call changed'),
  'simulator:legAudio': defineEvent(
    z.object({ callId: z.string(), sampleRate: z.literal(8000), pcm: z.string() }),
    'Leg A of a call whose leg B is the microphone (8 kHz 16-bit mono base64), to play on the speakers',
  ),
};
