// Contract of the "psr" domain: create stream, WAV upload/convert, cURL, history, recordings.
// Tokens never cross this contract, except in psr:curl when the user reveals the token on purpose.
import { z } from 'zod';
import { logMessageSchema } from '../call-log/line';
import { defineCall, defineEvent, noArgs, type CallSpec, type EventSpec } from './define';
import { authSchemeSchema, profileIdSchema } from './profiles';
import { psrRequestSchema } from '../psr/request';

export const wavInfoSchema = z.object({
  sampleRate: z.number(),
  bitDepth: z.string(),
  channels: z.number(),
  durationSec: z.number(),
  size: z.number(),
  isPsrFormat: z.boolean(),
});
export type WavInfoView = z.infer<typeof wavInfoSchema>;

export const uploadSchema = z.object({
  uploadId: z.string(),
  name: z.string(),
  /** Where the file is on disk (for Copy as cURL: @path). */
  path: z.string(),
  info: wavInfoSchema,
  /** Set on a converted copy: the upload it was made from. */
  convertedFrom: z.string().nullable(),
});
export type UploadView = z.infer<typeof uploadSchema>;

/** The documented success body (SPEC §1); unknown extra fields are kept. */
export const psrResponseSchema = z
  .object({
    code: z.string(),
    message: z.string().optional(),
    data: z
      .object({
        call_id: z.string().min(1),
        full_recording_url: z.string().optional(),
        recording_url: z.string().optional(),
        status: z.string().optional(),
      })
      .loose(),
  })
  .loose();
export type PsrResponse = z.infer<typeof psrResponseSchema>;

export const psrFailureSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  /** HTTP status when PSR answered. */
  status: z.number().nullable(),
  /** Response body verbatim (truncated to 64 KiB) when PSR answered. */
  body: z.string().nullable(),
  /** Values the renderer words the failure with in the UI language (see AppError.params). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type PsrFailure = z.infer<typeof psrFailureSchema>;

/**
 * Whether PSR really opened the stream after answering 200, when the console can see it: the
 * built-in simulator's own call, or the console's own endpoint receiving the call_id.
 */
export const psrConnectionSchema = z.object({
  via: z.enum(['simulator', 'endpoint']),
  /** waiting: watching; connected; failed: the connection was refused (detail says why);
   *  not-answered: the phone was busy or not answered; not-connected: nothing within the watch time. */
  state: z.enum(['waiting', 'connected', 'failed', 'not-answered', 'not-connected']),
  /** The stream URL PSR was asked to connect to. */
  url: z.string(),
  /** The watcher's own words from main (e.g. the simulator's socket error), in English. */
  detail: z.string().nullable(),
  /** The same as a message code with parameters, for wording in the UI language. */
  detailMsg: logMessageSchema.nullable().optional(),
  /** Ms after the request when the state was decided (null while waiting). */
  afterMs: z.number().nullable(),
  /** How long the watch waits before saying PSR has not connected. */
  watchMs: z.number(),
});
export type PsrConnection = z.infer<typeof psrConnectionSchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  /** Epoch ms when the request was sent. */
  at: z.number(),
  durationMs: z.number(),
  profileId: z.string(),
  profileName: z.string(),
  baseUrl: z.string(),
  authScheme: authSchemeSchema,
  request: psrRequestSchema,
  /** File path of the audio part when one was sent. */
  audioPath: z.string().nullable(),
  status: z.number().nullable(),
  response: psrResponseSchema.nullable(),
  /** Raw response text (truncated to 64 KiB). */
  rawBody: z.string().nullable(),
  error: psrFailureSchema.nullable(),
  /** Set when the console could watch whether PSR connected (absent in older entries). */
  connection: psrConnectionSchema.nullable().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Outcome of "Test connection" (see docs/psr-protocol.md): which of address, token and server is at fault. */
export const connectionTestSchema = z.object({
  outcome: z.enum(['ok', 'token-rejected', 'unreachable', 'unverified', 'unexpected']),
  /** HTTP status of the authorised probe, null when the server was not reached. */
  status: z.number().nullable(),
  /** Error code (PSR_DNS, PSR_CONNECTION_REFUSED, PSR_TLS, PSR_TIMEOUT, PSR_HTTP_401…) when one applies. */
  code: z.string().nullable(),
  /** English detail for logs and the CLI; the renderer words the outcome and code itself. */
  detail: z.string(),
  /** The probe URL (no token in it). */
  url: z.string(),
  durationMs: z.number(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const connectionOptionsSchema = z
  .object({
    connectTimeoutMs: z.number().int().min(100, 'a connect timeout of 100–120000 ms').max(120_000, 'a connect timeout of 100–120000 ms'),
    headersTimeoutMs: z.number().int().min(100, 'a header timeout of 100–600000 ms').max(600_000, 'a header timeout of 100–600000 ms'),
    bodyTimeoutMs: z.number().int().min(100, 'a body timeout of 100–600000 ms').max(600_000, 'a body timeout of 100–600000 ms'),
    caFile: z.string().max(4096).nullable(),
  })
  .strict();
export type ConnectionOptionsView = z.infer<typeof connectionOptionsSchema>;

/** The web bridge carries at most 64 MiB per message; base64 makes files 4/3 larger. */
export const PSR_MAX_INLINE_BYTES = 40 * 1024 * 1024;
const base64 = z.string().max(Math.ceil(PSR_MAX_INLINE_BYTES / 3) * 4, 'a file of at most 40 MiB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');
const uploadIdSchema = z.string().regex(/^[a-z0-9-]{8,80}$/, 'an upload id returned by psr:uploadAudio');

export const psrCalls = {
  'psr:uploadAudio': defineCall(
    z.object({ name: z.string().min(1, 'a file name').max(255, 'a file name of at most 255 characters'), dataBase64: base64 }).strict(),
    uploadSchema,
    'Check a WAV file and keep it under <dataDir>/uploads/ for sending',
  ),
  'psr:convertAudio': defineCall(
    z.object({ uploadId: uploadIdSchema }).strict(),
    z.object({ upload: uploadSchema, dataBase64: z.string() }),
    'Convert an uploaded WAV to 16-bit 8 kHz mono; returns the new upload and its bytes',
  ),
  'psr:readUpload': defineCall(
    z.object({ uploadId: uploadIdSchema }).strict(),
    z.object({ upload: uploadSchema, dataBase64: z.string() }),
    'An uploaded file and its bytes (preview, save a copy)',
  ),
  'psr:createStream': defineCall(
    z.object({ profileId: profileIdSchema.optional(), request: psrRequestSchema }).strict(),
    z.object({ historyId: z.string(), entry: historyEntrySchema }),
    'POST /psr/v1/call/stream with the profile (active one by default); never retried; saved in history',
  ),
  'psr:curl': defineCall(
    z.object({ profileId: profileIdSchema.optional(), request: psrRequestSchema }).strict(),
    z.object({ command: z.string() }),
    'The same request as a bash cURL command; the token is always $PSR_TOKEN',
  ),
  'psr:copyCurlWithToken': defineCall(
    z.object({ profileId: profileIdSchema.optional(), request: psrRequestSchema }).strict(),
    z.object({ ok: z.literal(true) }),
    'Desktop only: main puts the cURL command with the token in clear on the clipboard; the token never comes back',
  ),
  'psr:history': defineCall(
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict().optional().default({ limit: 200 }),
    z.object({ entries: z.array(historyEntrySchema) }),
    'Saved create-stream requests with their responses, newest first (never tokens)',
  ),
  'psr:historyDelete': defineCall(z.object({ id: z.string().min(1) }).strict(), z.object({ ok: z.literal(true) }), 'Delete one history entry'),
  'psr:fetchRecording': defineCall(
    z.object({ url: z.string().min(1).max(4096), profileId: profileIdSchema.optional() }).strict(),
    // dataBase64 is '' (inlined=false) for a file too large to cross the bridge; it is still saved at `path`.
    z.object({ path: z.string(), size: z.number(), contentType: z.string(), inlined: z.boolean(), dataBase64: z.string() }),
    "Download a recording with the profile's Authorization, save it under <recordingsDir>/psr/",
  ),
  'psr:testConnection': defineCall(
    z.object({ profileId: profileIdSchema.optional() }).strict(),
    connectionTestSchema,
    'GET a recording URL that cannot exist, without and with the token: tells wrong address, wrong token and success apart',
  ),
  'psr:getOptions': defineCall(noArgs, connectionOptionsSchema, 'Timeouts and trusted CA file used to reach PSR'),
  'psr:setOptions': defineCall(connectionOptionsSchema.partial().strict(), connectionOptionsSchema, 'Change timeouts / trusted CA file'),
} satisfies Record<string, CallSpec>;

export const psrEvents = {
  'psr:connection': defineEvent(z.object({ historyId: z.string(), entry: historyEntrySchema }), 'A create-stream entry learned whether PSR connected'),
} satisfies Record<string, EventSpec>;
