// "Copy as cURL": the same multipart request the console sends, runnable in bash.
// Text fields use --form-string so a value such as `@x`, `<x` or `;type=` is sent literally
// (curl -F would read a file or a content type from it); the multipart body is the same as -F's.
import type { AuthScheme } from '../contract/profiles';
import type { PsrRequest } from './request';
import { wireFields } from './request';

export const CREATE_STREAM_PATH = '/psr/v1/call/stream';

export function createStreamUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '') + CREATE_STREAM_PATH;
}

const schemePrefix: Record<AuthScheme, string> = { bearer: 'Bearer ', basic: 'Basic ', none: '' };

/** The Authorization header value: `Bearer <token>`, `Basic <token>`, or the token as is (PSR's v3 API style). */
export function authorizationValue(scheme: AuthScheme, token: string): string {
  return `${schemePrefix[scheme]}${token}`;
}

/** POSIX shell single-quoting: safe for any text. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CurlInput {
  baseUrl: string;
  authScheme: AuthScheme;
  /** The token in clear, only when the user chose to reveal it; otherwise $PSR_TOKEN is used. */
  revealedToken: string | null;
  request: PsrRequest;
  /** Absolute path of the audio file on disk (required when request.audio_file is set). */
  audioPath: string | null;
}

export function buildCurl(input: CurlInput): string {
  const w = wireFields(input.request);
  const lines: string[] = [`curl -sS -X POST ${shellQuote(createStreamUrl(input.baseUrl))}`];
  lines.push(
    input.revealedToken !== null
      ? `-H ${shellQuote(`Authorization: ${authorizationValue(input.authScheme, input.revealedToken)}`)}`
      : `-H "Authorization: ${schemePrefix[input.authScheme]}$PSR_TOKEN"`,
  );
  for (const [k, v] of w.before) lines.push(`--form-string ${shellQuote(`${k}=${v}`)}`);
  if (w.audioFile) {
    if (!input.audioPath) throw new Error('buildCurl: the audio file has no path on disk');
    // curl's own quoting inside -F: "…" with \" and \\ escaped, so any path works.
    const quotedPath = `"${input.audioPath.replace(/[\\"]/g, (c) => '\\' + c)}"`;
    const quotedName = `"${w.audioFile.name.replace(/[\\"]/g, (c) => '\\' + c)}"`;
    lines.push(`-F ${shellQuote(`audio_file=@${quotedPath};filename=${quotedName}`)}`);
  }
  for (const [k, v] of w.after) lines.push(`--form-string ${shellQuote(`${k}=${v}`)}`);
  return lines.join(' \\\n  ');
}
