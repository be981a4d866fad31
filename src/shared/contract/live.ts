// Live call data pushed to the renderer while a call runs, whatever produced it (the embedded
// endpoint or a replay). Produced by the endpoint, consumed by the live view and the calls domain.
// Extend by adding optional fields only.
import { z } from 'zod';
import { logEntrySchema, logMessageSchema } from '../call-log/line';
import { defineCall, defineEvent } from './define';

export const legSchema = z.enum(['A', 'B', 'botOut']);
export type Leg = z.infer<typeof legSchema>;
export const channelLayoutSchema = z.enum(['stereo', 'mono_a', 'mono_b']);
export type ChannelLayout = z.infer<typeof channelLayoutSchema>;
/** 'campaign': a campaign call the user chose to watch (forwarded by its generator, not recorded). */
export const callSourceSchema = z.enum(['endpoint', 'simulator', 'replay', 'campaign']);

export const callStartedSchema = z.object({
  callId: z.string(),
  source: callSourceSchema,
  /** Epoch ms when the socket opened. */
  startedAt: z.number(),
  tenant: z.string().nullable(),
  /** Every query parameter PSR added (call_id, tenant, parameter keys…). */
  query: z.record(z.string(), z.string()),
  channel: channelLayoutSchema.nullable(),
  legs: z.array(legSchema),
  recordingPath: z.string().nullable(),
});
export type CallStarted = z.infer<typeof callStartedSchema>;

/** Levels of one leg over one 20 ms window, computed in the main process. */
export const levelWindowSchema = z.object({
  leg: legSchema,
  /** Audio time of the window's start, ms since the call's first sample. */
  t: z.number(),
  peakDbfs: z.number(),
  rmsDbfs: z.number(),
  clipped: z.boolean(),
  speaking: z.boolean(),
});
export type LevelWindow = z.infer<typeof levelWindowSchema>;

export const callLevelsSchema = z.object({
  callId: z.string(),
  /** Epoch ms when the frame that produced these windows reached the endpoint. */
  receivedAt: z.number(),
  windows: z.array(levelWindowSchema),
  /** Call quality so far (gaps, jitter, late and bad frames), at most once a second while the call runs. */
  stats: z.lazy(() => frameStatsSchema).optional(),
});
export type CallLevels = z.infer<typeof callLevelsSchema>;

/** One line of a call's log: the format has its own home (src/shared/call-log), shared with the log file. */
export { logEntrySchema, type LogEntry } from '../call-log/line';

export const callLogEventSchema = z.object({ callId: z.string(), entries: z.array(logEntrySchema) });

export const actionKindSchema = z.enum(['media', 'chunk', 'transfer', 'hangup']);
export const callActionSchema = z.object({
  callId: z.string(),
  kind: actionKindSchema,
  /** Epoch ms. */
  at: z.number(),
  /** Call audio time (ms) at which it happened, for the timeline. */
  t: z.number(),
  detail: z.string(),
  /** 'console' (sent from the UI), 'bot' (tap mode / demo bot), 'greeting'. */
  origin: z.string(),
  /** The action's log message (its facts), for wording in the UI language; `detail` is its English. */
  msg: logMessageSchema.optional(),
});
export type CallAction = z.infer<typeof callActionSchema>;

export const voiceActivitySchema = z.object({
  callId: z.string(),
  leg: legSchema,
  speaking: z.boolean(),
  /** Call audio time in ms. */
  t: z.number(),
  at: z.number(),
});

/**
 * Raw call audio for listening live: 16-bit LE PCM at 8 kHz, frames interleaved as `legs`, as bytes
 * (IPC carries them as they are; the web bridge as one binary frame, see encodeAudioEvent).
 */
export const callAudioSchema = z.object({
  callId: z.string(),
  legs: z.array(legSchema),
  sampleRate: z.number().int(),
  /** Call audio time (ms) of the first sample. */
  t: z.number(),
  pcm: z.instanceof(Uint8Array),
});
export type CallAudio = z.infer<typeof callAudioSchema>;

/**
 * call:audio as one binary WebSocket message: 4 bytes (uint32 LE) length of a JSON header
 * `{"event":"call:audio","payload":{callId,legs,sampleRate,t}}`, the header, then the PCM bytes.
 */
export function encodeAudioEvent(a: CallAudio): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ event: 'call:audio', payload: { callId: a.callId, legs: a.legs, sampleRate: a.sampleRate, t: a.t } }));
  const out = new Uint8Array(4 + header.length + a.pcm.byteLength);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(a.pcm, 4 + header.length);
  return out;
}

/** The inverse of encodeAudioEvent; null for anything else (a damaged or foreign binary message). */
export function decodeAudioEvent(bytes: Uint8Array): CallAudio | null {
  if (bytes.byteLength < 4) return null;
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + len > bytes.byteLength) return null;
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + len)));
  } catch {
    return null;
  }
  const h = header as { event?: unknown; payload?: unknown } | null;
  if (!h || h.event !== 'call:audio') return null;
  const parsed = callAudioSchema.safeParse({ ...(h.payload as object), pcm: bytes.slice(4 + len) });
  return parsed.success ? parsed.data : null;
}

export const frameStatsSchema = z.object({
  frames: z.number().int(),
  bytes: z.number().int(),
  audioSeconds: z.number(),
  wallSeconds: z.number(),
  gaps: z.number().int(),
  /** Frames that arrived more than 60 ms later than the audio clock implies (absent in older files). */
  lateFrames: z.number().int().optional(),
  jitterMs: z.number(),
  errors: z.record(z.string(), z.number().int()),
});
export type FrameStats = z.infer<typeof frameStatsSchema>;

export const callEndedSchema = z.object({
  callId: z.string(),
  endedAt: z.number(),
  /** 'closed' (PSR sent closed), 'dropped' (socket closed without closed), 'hangup', 'stopped'… */
  reason: z.string(),
  stats: frameStatsSchema,
  recordingPath: z.string().nullable(),
});
export type CallEnded = z.infer<typeof callEndedSchema>;

/**
 * The id of a call as the calls that act on a running call take it (listen, actions): any source's id
 * (endpoint, simulator, replay, campaign), at most 200 characters.
 */
export const callIdArgSchema = z.string().min(1, 'a call id').max(200, 'a call id of at most 200 characters');

export const liveCalls = {
  'live:listen': defineCall(
    z.object({ callId: callIdArgSchema, on: z.boolean() }).strict(),
    z.object({ ok: z.literal(true) }),
    'Start or stop pushing call:audio for a call (for listening live)',
  ),
};

export const liveEvents = {
  'call:started': defineEvent(callStartedSchema, 'A call connected'),
  'call:levels': defineEvent(callLevelsSchema, 'Per-leg levels of new 20 ms windows'),
  'call:log': defineEvent(callLogEventSchema, 'New log entries (media frames summarised)'),
  'call:action': defineEvent(callActionSchema, 'An action was sent to PSR or relayed from the bot'),
  'call:voice': defineEvent(voiceActivitySchema, 'A leg started or stopped speaking'),
  'call:audio': defineEvent(callAudioSchema, 'Call audio for listening live (only while listening)'),
  'call:ended': defineEvent(callEndedSchema, 'A call ended'),
};
