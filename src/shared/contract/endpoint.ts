// Contract of the "endpoint" domain: the embedded bot endpoint PSR streams calls to.
// See src/shared/contract/index.ts. Call audio events (call:*) live in live.ts.
import { z } from 'zod';
import { channelLayoutSchema, legSchema } from './live';
import { defineCall, defineEvent, noArgs, okResult } from './define';

/** Largest audio file an action accepts; the renderer sends web-mode files as base64 (4/3 larger). */
export const ENDPOINT_MAX_FILE_BYTES = 16 * 1024 * 1024;
const maxBase64Chars = Math.ceil(ENDPOINT_MAX_FILE_BYTES / 3) * 4;

function isWsUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const wsUrl = (what: string) =>
  z.string().trim().max(2048, `${what} of at most 2048 characters`).refine(isWsUrl, `${what} starting with ws:// or wss://, such as wss://bot.example.com/server/ws`);

// Fields without defaults, so a partial patch only carries what the caller sent.
const settingsFields = {
  host: z.string().trim().min(1, 'a host name or IP address such as 127.0.0.1').max(255, 'a host of at most 255 characters'),
  port: z.number().int('a whole port number').min(0, 'a port between 0 and 65535').max(65535, 'a port between 0 and 65535'),
  path: z.string().regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/, 'a URL path starting with /, such as /server/ws').max(200, 'a path of at most 200 characters'),
  tls: z.boolean(),
  /** User certificate and key (PEM files); both null: the kept self-signed certificate. */
  certPath: z.string().min(1, 'a certificate file path').nullable(),
  keyPath: z.string().min(1, 'a private key file path').nullable(),
  /** The URL PSR should use when the endpoint is behind a tunnel; create-stream prefers it. */
  publicUrl: wsUrl('a public URL').nullable(),
  /** Tap mode: relay every call to this bot. */
  upstreamUrl: wsUrl('an upstream bot URL').nullable(),
  /** Accept a self-signed certificate from the upstream bot (wss). */
  upstreamInsecure: z.boolean(),
  /** WAV played as `media` (is_sync) on `connected` when no upstream bot is set. */
  greetingPath: z.string().nullable(),
};

export const endpointSettingsSchema = z.object({
  host: settingsFields.host.default('127.0.0.1'),
  port: settingsFields.port.default(8000),
  path: settingsFields.path.default('/server/ws'),
  tls: settingsFields.tls.default(false),
  certPath: settingsFields.certPath.default(null),
  keyPath: settingsFields.keyPath.default(null),
  publicUrl: settingsFields.publicUrl.default(null),
  upstreamUrl: settingsFields.upstreamUrl.default(null),
  upstreamInsecure: settingsFields.upstreamInsecure.default(false),
  greetingPath: settingsFields.greetingPath.default(null),
});
/** A change to some settings: absent keys keep their saved values. */
export const endpointSettingsPatchSchema = z.object(settingsFields).partial().strict();
export type EndpointSettings = z.infer<typeof endpointSettingsSchema>;

export const audioFileSourceSchema = z.union([
  z.object({ path: z.string().min(1, 'a file path').max(4096, 'a file path of at most 4096 characters') }).strict(),
  z
    .object({
      name: z.string().min(1, 'a file name').max(255, 'a file name of at most 255 characters'),
      base64: z
        .string()
        .max(maxBase64Chars, `a file of at most ${ENDPOINT_MAX_FILE_BYTES / 1024 / 1024} MiB (base64)`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
    })
    .strict(),
]);
export type AudioFileSourceArg = z.infer<typeof audioFileSourceSchema>;

const callIdArg = z.string().min(1, 'a call id').max(200, 'a call id of at most 200 characters');

export const activeCallSchema = z.object({
  callId: z.string(),
  startedAt: z.number(),
  tenant: z.string().nullable(),
  channel: channelLayoutSchema.nullable(),
  legs: z.array(legSchema),
  connected: z.boolean(),
  tapMode: z.boolean(),
  frames: z.number().int(),
  audioSeconds: z.number(),
  recordingPath: z.string(),
});
export type ActiveCall = z.infer<typeof activeCallSchema>;

export const endpointStatusSchema = z.object({
  running: z.boolean(),
  /** ws(s)://host:port/path while running. */
  localUrl: z.string().nullable(),
  publicUrl: z.string().nullable(),
  host: z.string(),
  /** The port actually bound while running (the setting when stopped). */
  port: z.number().int(),
  path: z.string(),
  tls: z.boolean(),
  fingerprint256: z.string().nullable(),
  certSource: z.enum(['generated', 'user']).nullable(),
  upstreamUrl: z.string().nullable(),
  greeting: z.string().nullable(),
  recordingsDir: z.string(),
  limits: z.object({ maxPayload: z.number().int(), softFrameLimit: z.number().int(), maxConnections: z.number().int() }),
  calls: z.array(activeCallSchema),
});
export type EndpointStatus = z.infer<typeof endpointStatusSchema>;

export const audioInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(['wav', 'mp3']),
  size: z.number().int(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  bitDepth: z.string().nullable(),
  durationSec: z.number().nullable(),
  /** 16-bit, 8 kHz, mono WAV: sent as is. */
  isPsrFormat: z.boolean(),
  warnings: z.array(z.string()),
});
export type AudioInfo = z.infer<typeof audioInfoSchema>;

export const endpointCalls = {
  'endpoint:status': defineCall(noArgs, endpointStatusSchema, 'Whether the endpoint runs, its URLs, certificate fingerprint and active calls'),
  'endpoint:getSettings': defineCall(noArgs, endpointSettingsSchema, 'The saved endpoint settings'),
  'endpoint:saveSettings': defineCall(endpointSettingsPatchSchema, endpointSettingsSchema, 'Change endpoint settings (used at the next start)'),
  'endpoint:start': defineCall(
    endpointSettingsPatchSchema.optional().default({}),
    endpointStatusSchema,
    'Start the endpoint (optionally saving new settings first)',
  ),
  'endpoint:stop': defineCall(noArgs, endpointStatusSchema, 'Stop the endpoint; active calls end and recordings are finalised'),
  'endpoint:inspectAudio': defineCall(z.object({ file: audioFileSourceSchema }).strict(), audioInfoSchema, 'Format of an audio file, with warnings when PSR would not play it as is'),
  'endpoint:sendMedia': defineCall(
    z.object({ callId: callIdArg, file: audioFileSourceSchema, isSync: z.boolean().default(false), convert: z.boolean().default(false) }).strict(),
    z.object({ ok: z.literal(true), bytes: z.number().int(), converted: z.boolean(), warnings: z.array(z.string()) }),
    'Send a media action (a whole WAV file) to PSR',
  ),
  'endpoint:streamChunks': defineCall(
    z
      .object({
        callId: callIdArg,
        file: audioFileSourceSchema,
        format: z.enum(['pcm16', 'mp3']).default('pcm16'),
        chunkMs: z.number().int().min(20, 'a chunk length from 20 to 1000 ms').max(1000, 'a chunk length from 20 to 1000 ms').default(100),
      })
      .strict(),
    z.object({ ok: z.literal(true), durationMs: z.number(), chunks: z.number().int() }),
    'Stream a WAV or MP3 file to PSR in real time as chunk actions',
  ),
  'endpoint:stopChunks': defineCall(z.object({ callId: callIdArg }).strict(), okResult, 'Stop a running chunk stream'),
  'endpoint:transfer': defineCall(
    z.object({ callId: callIdArg, extension: z.string().trim().regex(/^[A-Za-z0-9*#+._@-]{1,64}$/, 'an extension such as 1001 (letters, digits, * # + . _ @ -)') }).strict(),
    okResult,
    'Send a transfer action',
  ),
  'endpoint:hangup': defineCall(z.object({ callId: callIdArg }).strict(), okResult, 'Send a hangup action'),
  'endpoint:sendRaw': defineCall(
    z.object({ callId: callIdArg, text: z.string().min(1, 'the text of a frame').max(16 * 1024 * 1024, 'a frame of at most 16 MiB') }).strict(),
    z.object({ ok: z.literal(true), bytes: z.number().int() }),
    'Send one text frame to PSR exactly as given (checked by the console, never blocked)',
  ),
  'endpoint:setGreeting': defineCall(
    z.object({ file: audioFileSourceSchema.nullable() }).strict(),
    endpointSettingsSchema,
    'Choose (or clear) the WAV played on connected',
  ),
};

export const endpointEvents = {
  'endpoint:changed': defineEvent(endpointStatusSchema, 'The endpoint started, stopped, or its calls changed'),
};
