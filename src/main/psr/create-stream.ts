// The create-stream call itself (SPEC §1), plain Node: used by the app service and the CLI.
import { psrResponseSchema, type PsrResponse } from '../../shared/contract/psr';
import type { AuthScheme } from '../../shared/contract/profiles';
import { authorizationValue, createStreamUrl } from '../../shared/psr/curl';
import { redactDeep, redactSecrets } from '../../shared/redact';
import { validatePsrRequest, wireFields, type PsrRequest } from '../../shared/psr/request';
import { buildMultipart, type MultipartPart } from './multipart';
import { httpExchange, PsrError, type HttpDeps, type PsrConnectionOptions } from './http';

export interface PsrTarget {
  profileName: string;
  baseUrl: string;
  authScheme: AuthScheme;
  token: string | undefined;
  /**
   * The only origin (scheme://host:port) the token is sent to: the one it was saved with. Absent when
   * the token was given for this very base URL (the CLI's --base-url with $PSR_TOKEN).
   */
  tokenOrigin?: string | null;
}

/** What a call to PSR needs besides the connection: where to find every token to scrub from PSR's answer. */
export interface PsrCallDeps extends HttpDeps {
  /** Every known token (all profiles'); the target's own is always scrubbed too. */
  secrets?: () => Iterable<string | undefined | null>;
}

/** The redactor for PSR's answers to this target: the same one as for errors, always before any clip. */
export function answerRedactor(target: PsrTarget, deps: PsrCallDeps): (text: string) => string {
  return (text) => redactSecrets(text, [target.token, ...(deps.secrets?.() ?? [])]);
}

export interface CreateStreamSuccess {
  status: number;
  response: PsrResponse;
  rawBody: string;
}

export const MAX_RESPONSE_BYTES = 1024 * 1024;
const BODY_SHOWN = 64 * 1024;

/** Shortens a body for display. Clip only redacted text: a token cut at the end would keep its first characters. */
export function clip(text: string): string {
  return text.length > BODY_SHOWN ? text.slice(0, BODY_SHOWN) + '\n…(truncated)' : text;
}

/** Throws PsrError PSR_INVALID_REQUEST for the first rule broken (the field is named). */
export function assertValidRequest(request: PsrRequest): void {
  const first = validatePsrRequest(request).errors[0];
  if (first) throw new PsrError('PSR_INVALID_REQUEST', first.message, { field: first.field, params: { rule: first.code, ...(first.params ?? {}) } });
}

export function assertToken(target: PsrTarget): string {
  if (!target.token) {
    throw new PsrError('PSR_NO_TOKEN', `Profile '${target.profileName}' has no token: set it in Profiles (or PSR_TOKEN for the CLI)`, { field: 'token', params: { profile: target.profileName } });
  }
  return target.token;
}

/**
 * The Authorization header for a request to `url`: refused (PSR_NO_TOKEN) when `url` is on another
 * origin than the token is bound to, so a token never leaves for a server it was not saved for.
 */
export function authorizationFor(target: PsrTarget, url: string | URL): string {
  const token = assertToken(target);
  const bound = target.tokenOrigin === undefined ? new URL(target.baseUrl).origin : target.tokenOrigin;
  const origin = new URL(url).origin;
  if (origin !== bound) {
    throw new PsrError('PSR_NO_TOKEN', `Profile '${target.profileName}' has no token for ${origin}: its token was saved for ${bound ?? 'no address'} and is sent nowhere else; enter the token again in Profiles`, {
      field: 'token',
      params: { profile: target.profileName },
    });
  }
  return authorizationValue(target.authScheme, token);
}

export async function createStream(
  target: PsrTarget,
  request: PsrRequest,
  audio: { fileName: string; bytes: Uint8Array } | null,
  options: PsrConnectionOptions,
  deps: PsrCallDeps = {},
): Promise<CreateStreamSuccess> {
  assertValidRequest(request);
  assertToken(target);
  const w = wireFields(request);
  if (w.audioFile && !audio) throw new PsrError('PSR_UPLOAD_NOT_FOUND', "audio_file: the chosen file is no longer available; pick it again", { field: 'audio_file' });
  const parts: MultipartPart[] = w.before.map(([name, value]) => ({ kind: 'text', name, value }));
  if (w.audioFile && audio) parts.push({ kind: 'file', name: 'audio_file', fileName: audio.fileName, bytes: audio.bytes });
  for (const [name, value] of w.after) parts.push({ kind: 'text', name, value });
  const { body, contentType } = buildMultipart(parts);

  const url = createStreamUrl(target.baseUrl);
  const authorization = authorizationFor(target, url);
  const answer = await httpExchange(
    'POST',
    url,
    {
      headers: {
        authorization,
        'content-type': contentType,
        'content-length': String(body.byteLength),
        accept: 'application/json',
        'user-agent': 'psr-console',
      },
      body,
      maxBytes: MAX_RESPONSE_BYTES,
    },
    options,
    deps,
  );
  const location = answer.headers.location;
  return interpretCreateStream(answer.status, answer.body.toString('utf8'), target.profileName, Array.isArray(location) ? location[0] : location, answerRedactor(target, deps));
}

/**
 * Maps PSR's answer to a success or a coded PsrError (SPEC §5 "error responses"). Every part of the
 * answer that is kept (body, parsed JSON, Location) is redacted first, then clipped.
 */
export function interpretCreateStream(status: number, raw: string, profileName: string, rawLocation?: string, redact: (text: string) => string = (t) => redactSecrets(t)): CreateStreamSuccess {
  const shown = clip(redact(raw));
  const location = rawLocation === undefined ? undefined : redact(rawLocation);
  if (status >= 300 && status < 400) {
    // Not followed: a POST that creates a call must not be replayed somewhere else silently.
    throw new PsrError('PSR_HTTP_4XX', `HTTP ${status} redirect${location ? ` to ${location}` : ''}: not followed; check the profile's base URL (http:// vs https://, path)`, {
      status,
      body: shown,
      params: location ? { context: 'redirect', status, location } : { context: 'redirect', status, location: '—' },
    });
  }
  if (status === 401) {
    throw new PsrError('PSR_HTTP_401', `HTTP 401 Unauthorized: PSR rejected the token; check the token of profile '${profileName}' (and its scheme: Bearer, Basic or the token as is)`, { status, body: shown, params: { status, profile: profileName } });
  }
  if (status === 403) {
    throw new PsrError('PSR_HTTP_403', `HTTP 403 Forbidden: PSR refused this request; check the token of profile '${profileName}' and its permissions`, { status, body: shown, params: { status, profile: profileName } });
  }
  if (status >= 500) throw new PsrError('PSR_HTTP_5XX', `HTTP ${status} from PSR (server error). Body: ${shown || '(empty)'}`, { status, body: shown, params: { status } });
  if (status >= 400) throw new PsrError('PSR_HTTP_4XX', `HTTP ${status} from PSR. Body: ${shown || '(empty)'}`, { status, body: shown, params: { status } });
  let json: unknown;
  try {
    json = redactDeep(JSON.parse(raw) as unknown, redact);
  } catch {
    throw new PsrError('PSR_BAD_JSON', `HTTP ${status} but the body is not JSON: ${shown.slice(0, 500) || '(empty)'}`, { status, body: shown, params: { status } });
  }
  const code = (json as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== 'OK') {
    const message = (json as { message?: unknown }).message;
    throw new PsrError('PSR_NOT_OK', `HTTP ${status} but PSR answered code '${code}'${typeof message === 'string' ? `: ${message}` : ''}`, {
      status,
      body: shown,
      params: typeof message === 'string' ? { status, psrCode: code, foreign: message.slice(0, 300) } : { status, psrCode: code },
    });
  }
  const parsed = psrResponseSchema.safeParse(json);
  if (!parsed.success || parsed.data.code !== 'OK') {
    throw new PsrError('PSR_BAD_RESPONSE', `HTTP ${status} but the JSON lacks the documented fields (expected code "OK" and data.call_id)`, { status, body: shown, params: { status } });
  }
  return { status, response: parsed.data, rawBody: shown };
}
