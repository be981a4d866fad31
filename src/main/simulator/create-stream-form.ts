// Validation of a create-stream request, as PSR does it: 400 {code, message} naming the field.
import { AppError, isAppError } from '../../shared/errors';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';

export type AppKind = 'bot' | 'dial';
export type Channel = 'stereo' | 'mono_a' | 'mono_b';

export interface CreateStreamRequest {
  url: string;
  destination: string;
  app: AppKind;
  channel: Channel;
  extension: string | null;
  isSilence: boolean;
  /** The audio_file already converted to 8 kHz 16-bit mono, or null. */
  audio: Int16Array | null;
  audioFileName: string | null;
  parameter: Record<string, unknown> | null;
}

export interface FormInput {
  fields: Map<string, string>;
  file: { name: string; bytes: Uint8Array } | null;
}

const missing = (field: string, what: string) => new AppError('SIM_FIELD_MISSING', `field '${field}': required, expected ${what}`, field);
const invalid = (field: string, what: string, got: string) =>
  new AppError('SIM_FIELD_INVALID', `field '${field}': expected ${what}, got ${JSON.stringify(got.slice(0, 80))}`, field);

export async function parseCreateStream(input: FormInput): Promise<CreateStreamRequest> {
  const f = (k: string) => {
    const v = input.fields.get(k);
    return v === undefined ? undefined : v.trim();
  };
  const url = f('url');
  if (!url) throw missing('url', 'a WebSocket URL (wss://host/path or a path relative to the tenant server)');
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid('url', 'a WebSocket URL (ws:// or wss://)', url);
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw invalid('url', 'a ws:// or wss:// URL', url);
  } else if (!url.startsWith('/') || /\s/.test(url)) {
    throw invalid('url', 'an absolute ws:// / wss:// URL or a path starting with /', url);
  }
  const destination = f('destination');
  if (!destination) throw missing('destination', 'a phone number or extension');
  if (!/^[0-9+*#]{1,32}$/.test(destination) && !/^[A-Za-z0-9._-]{1,64}$/.test(destination)) {
    throw invalid('destination', 'a phone number or extension (digits, +, *, #)', destination);
  }
  const app = f('app') || 'dial';
  if (app !== 'bot' && app !== 'dial') throw invalid('app', "'dial' or 'bot'", app);
  const channel = f('channel') || 'stereo';
  if (channel !== 'stereo' && channel !== 'mono_a' && channel !== 'mono_b') throw invalid('channel', "'stereo', 'mono_a' or 'mono_b'", channel);
  const extension = f('extension') || null;
  if (app === 'dial' && !extension) throw missing('extension', "the PBX extension to call first (required when app is 'dial')");
  if (extension && !/^[0-9A-Za-z*#+._-]{1,32}$/.test(extension)) throw invalid('extension', 'a PBX extension', extension);
  const silenceText = f('is_silence');
  let isSilence = false;
  if (silenceText !== undefined && silenceText !== '') {
    if (silenceText !== 'true' && silenceText !== 'false') throw invalid('is_silence', "'true' or 'false'", silenceText);
    isSilence = silenceText === 'true';
  }
  let parameter: Record<string, unknown> | null = null;
  const paramText = f('parameter');
  if (paramText) {
    let v: unknown;
    try {
      v = JSON.parse(paramText);
    } catch {
      throw invalid('parameter', 'a JSON object text such as {"danh_xung":"anh"}', paramText);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid('parameter', 'a JSON object (not an array or a scalar)', paramText);
    parameter = v as Record<string, unknown>;
  }
  let audio: Int16Array | null = null;
  if (input.file && input.file.bytes.length > 0 && app === 'bot' && !isSilence) {
    try {
      audio = await wavToPsrPcmAsync(input.file.bytes);
    } catch (e) {
      if (isAppError(e)) throw new AppError(e.code, `field 'audio_file': ${e.message}`, 'audio_file');
      throw e;
    }
  }
  return { url, destination, app, channel, extension, isSilence, audio, audioFileName: input.file?.name ?? null, parameter };
}

/** The bot's URL with PSR's query parameters: call_id, tenant, then each top-level parameter key. */
export function botUrl(req: CreateStreamRequest, callId: string, tenant: string, tenantServer: string): URL {
  const u = new URL(req.url, tenantServer);
  u.searchParams.set('call_id', callId);
  u.searchParams.set('tenant', tenant);
  for (const [k, v] of Object.entries(req.parameter ?? {})) {
    u.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return u;
}
