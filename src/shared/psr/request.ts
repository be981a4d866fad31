// The create-stream request (SPEC §1): one schema, the validation rules and the warnings,
// shared by the request builder (renderer), the client (main) and the CLI.
import { z } from 'zod';
import { checkJson } from './json-check';

export const psrApps = ['dial', 'bot'] as const;
export const psrChannels = ['stereo', 'mono_a', 'mono_b'] as const;
export type PsrApp = (typeof psrApps)[number];
export type PsrChannel = (typeof psrChannels)[number];

/** The audio file chosen for `audio_file`: a file the console saved under <dataDir>/uploads/. */
export const audioRefSchema = z
  .object({
    uploadId: z.string().regex(/^[a-z0-9-]{8,80}$/, 'an upload id returned by psr:uploadAudio'),
    /** File name sent in the multipart part (what curl would send for @path). */
    name: z.string().min(1).max(255),
  })
  .strict();
export type AudioRef = z.infer<typeof audioRefSchema>;

/**
 * Field names are the wire names of the vendor docs, so an error's `field` reads like the docs.
 * Types only here; the rules that need several fields are in validatePsrRequest().
 */
export const psrRequestSchema = z
  .object({
    url: z.string().max(4096, 'a URL of at most 4096 characters'),
    destination: z.string().max(64, 'a phone number or extension of at most 64 characters'),
    app: z.enum(psrApps).default('dial'),
    channel: z.enum(psrChannels).default('stereo'),
    extension: z.string().max(64, 'an extension of at most 64 characters').default(''),
    is_silence: z.boolean().default(false),
    audio_file: audioRefSchema.nullable().default(null),
    /** JSON object text; '' means "not sent". */
    parameter: z.string().max(65536, 'parameter JSON of at most 64 KiB').default(''),
  })
  .strict();
export type PsrRequest = z.output<typeof psrRequestSchema>;
export type PsrRequestInput = z.input<typeof psrRequestSchema>;

export function emptyPsrRequest(): PsrRequest {
  return { url: '', destination: '', app: 'dial', channel: 'stereo', extension: '', is_silence: false, audio_file: null, parameter: '' };
}

export type PsrField = 'url' | 'destination' | 'app' | 'channel' | 'extension' | 'is_silence' | 'audio_file' | 'parameter';

/** One finding. `code` is stable (UI translates it); `message` is the English text; `params` fill the translation. */
export interface PsrIssue {
  field: PsrField;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface PsrValidation {
  errors: PsrIssue[];
  warnings: PsrIssue[];
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname) || hostname.toLowerCase().endsWith('.localhost');
}

/** The create-stream request's rules. Errors block sending; warnings are shown but do not. */
export function validatePsrRequest(r: PsrRequest): PsrValidation {
  const errors: PsrIssue[] = [];
  const warnings: PsrIssue[] = [];
  const url = r.url.trim();
  if (!url) errors.push({ field: 'url', code: 'URL_REQUIRED', message: "field 'url': expected the WebSocket URL the audio is streamed to" });
  if (!r.destination.trim()) {
    errors.push({ field: 'destination', code: 'DESTINATION_REQUIRED', message: "field 'destination': expected a phone number or extension to call" });
  }
  if (!psrApps.includes(r.app)) errors.push({ field: 'app', code: 'APP_INVALID', message: "field 'app': expected one of dial, bot" });
  if (!psrChannels.includes(r.channel)) {
    errors.push({ field: 'channel', code: 'CHANNEL_INVALID', message: "field 'channel': expected one of stereo, mono_a, mono_b" });
  }
  if (r.app === 'dial' && !r.extension.trim()) {
    errors.push({ field: 'extension', code: 'EXTENSION_REQUIRED', message: "field 'extension': expected the PBX extension to call first (required when app=dial)" });
  }
  if (typeof r.is_silence !== 'boolean') errors.push({ field: 'is_silence', code: 'IS_SILENCE_INVALID', message: "field 'is_silence': expected true or false" });
  const param = parseParameter(r.parameter);
  if (!param.ok) errors.push(param.issue);

  if (r.app === 'dial' && (r.is_silence || r.audio_file)) {
    const fields = [r.is_silence ? 'is_silence' : null, r.audio_file ? 'audio_file' : null].filter((f): f is 'is_silence' | 'audio_file' => !!f);
    for (const f of fields) {
      warnings.push({ field: f, code: 'BOT_FIELD_WITH_DIAL', message: `field '${f}' only applies to app=bot; PSR ignores it with app=dial`, params: { field: f } });
    }
  }
  if (r.app === 'bot' && r.is_silence && r.audio_file) {
    warnings.push({ field: 'audio_file', code: 'AUDIO_IGNORED_WHEN_SILENT', message: "field 'audio_file' is ignored because is_silence=true" });
  }
  if (r.app === 'bot' && !r.is_silence && !r.audio_file) {
    warnings.push({ field: 'audio_file', code: 'BOT_NOTHING_PLAYED', message: 'app=bot, not silent and no audio_file: nothing is played when the destination answers' });
  }
  if (url) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme && scheme !== 'ws' && scheme !== 'wss') {
      warnings.push({ field: 'url', code: 'URL_NOT_WEBSOCKET', message: `field 'url' starts with '${scheme}:'; PSR expects ws://, wss:// or a relative path`, params: { scheme } });
    } else if (scheme === 'ws') {
      const host = hostOf(url);
      if (host !== null && !isLoopbackHost(host)) {
        warnings.push({ field: 'url', code: 'WS_NOT_ENCRYPTED', message: `field 'url': ws:// to ${host} sends call audio unencrypted; use wss://`, params: { host } });
      }
    }
  }
  return { errors, warnings };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

export type ParameterParse =
  | { ok: true; value: Record<string, unknown> | null }
  | { ok: false; issue: PsrIssue; line?: number; column?: number };

/** '' (or only spaces) = no parameter. Otherwise a JSON object, or an error with line and column. */
export function parseParameter(text: string): ParameterParse {
  if (!text.trim()) return { ok: true, value: null };
  const c = checkJson(text);
  if (!c.ok) {
    return {
      ok: false,
      line: c.line,
      column: c.column,
      issue: {
        field: 'parameter',
        code: 'PARAMETER_SYNTAX',
        message: `field 'parameter': invalid JSON at line ${c.line}, column ${c.column}: ${c.message}`,
        params: { line: c.line, column: c.column, detail: c.message, expected: c.expected, ...(c.found === undefined ? {} : { found: c.found ?? '' }) },
      },
    };
  }
  if (typeof c.value !== 'object' || c.value === null || Array.isArray(c.value)) {
    return { ok: false, issue: { field: 'parameter', code: 'PARAMETER_NOT_OBJECT', message: "field 'parameter': expected a JSON object such as {\"danh_xung\":\"anh\"}" } };
  }
  return { ok: true, value: c.value as Record<string, unknown> };
}

/** The text fields in the order the vendor's cURL example sends them; the file part goes before `parameter`. */
export interface WireFields {
  before: Array<[string, string]>;
  audioFile: AudioRef | null;
  after: Array<[string, string]>;
}

export function wireFields(r: PsrRequest): WireFields {
  const before: Array<[string, string]> = [
    ['url', r.url.trim()],
    ['destination', r.destination.trim()],
    ['app', r.app],
    ['channel', r.channel],
  ];
  if (r.extension.trim()) before.push(['extension', r.extension.trim()]);
  // Booleans as the literal text true/false, as curl -F sends them. Sent for bot always, for dial only when set.
  if (r.app === 'bot' || r.is_silence) before.push(['is_silence', r.is_silence ? 'true' : 'false']);
  const after: Array<[string, string]> = [];
  if (r.parameter.trim()) after.push(['parameter', r.parameter]);
  return { before, audioFile: r.audio_file, after };
}

/** What the bot sees appended to its URL (SPEC §2 + the assumption of §5: top-level keys of parameter). */
export function queryPreview(parameter: string, callId = '<call_id>', tenant = '<tenant>'): string {
  const p = parseParameter(parameter);
  const q = new URLSearchParams();
  if (p.ok && p.value) {
    for (const [k, v] of Object.entries(p.value)) q.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const rest = q.toString();
  // The placeholders are shown as they are, not percent-encoded: they are labels, not values.
  return `?call_id=${callId}&tenant=${tenant}` + (rest ? `&${rest}` : '');
}
