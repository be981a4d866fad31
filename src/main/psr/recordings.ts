// Downloading a call's recordings (SPEC §1 response, §5: they need the same Authorization).
// What the server answers is redacted like an error before it is saved or returned: a server that
// echoes the Authorization header back never hands the token to the renderer or to the disk.
import fs from 'node:fs';
import path from 'node:path';
import { redactLatin1 } from '../../shared/redact';
import { safeFileName } from './uploads';
import type { PsrCallDeps, PsrTarget } from './create-stream';
import { answerRedactor, authorizationFor, clip } from './create-stream';
import { httpExchange, PsrError, type PsrConnectionOptions } from './http';

export const MAX_RECORDING_BYTES = 200 * 1024 * 1024;

/** Resolve a recording URL against the base URL and refuse to send the token to another origin. */
export function recordingTarget(url: string, baseUrl: string): URL {
  let u: URL;
  try {
    u = new URL(url, baseUrl);
  } catch {
    throw new PsrError('PSR_RECORDING_FAILED', `url: expected a recording URL, got '${url.slice(0, 200)}'`, { field: 'url', params: { context: 'badUrl', url: url.slice(0, 200) } });
  }
  const base = new URL(baseUrl);
  if (u.origin !== base.origin) {
    throw new PsrError(
      'PSR_RECORDING_FOREIGN_HOST',
      `The recording is at ${u.origin}, not at the profile's ${base.origin}; the token is only sent to the profile's host. Open the link yourself if you trust it.`,
      { field: 'url', params: { host: u.origin, profileHost: base.origin } },
    );
  }
  return u;
}

export async function downloadRecording(
  target: PsrTarget,
  url: string,
  saveDir: string,
  options: PsrConnectionOptions,
  deps: PsrCallDeps = {},
): Promise<{ path: string; size: number; contentType: string; bytes: Buffer }> {
  const u = recordingTarget(url, target.baseUrl);
  const authorization = authorizationFor(target, u);
  const redact = answerRedactor(target, deps);
  const answer = await httpExchange(
    'GET',
    u.toString(),
    { headers: { authorization, 'user-agent': 'psr-console' }, maxBytes: MAX_RECORDING_BYTES },
    options,
    deps,
  );
  if (answer.status === 404) {
    throw new PsrError('PSR_RECORDING_NOT_READY', 'The recording is not ready yet (HTTP 404): PSR writes it when the call ends. Try again later.', { status: 404, params: { status: 404 } });
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new PsrError(answer.status === 401 ? 'PSR_HTTP_401' : 'PSR_HTTP_403', `HTTP ${answer.status}: check the token of profile '${target.profileName}'`, {
      status: answer.status,
      body: clip(redact(answer.body.toString('utf8'))),
      params: { status: answer.status, profile: target.profileName },
    });
  }
  if (answer.status !== 200) {
    throw new PsrError('PSR_RECORDING_FAILED', `HTTP ${answer.status} while downloading the recording: ${clip(redact(answer.body.toString('utf8')))}`, { status: answer.status, params: { status: answer.status } });
  }
  const name = safeFileName(decodeURIComponent(path.posix.basename(u.pathname)) || 'recording.wav');
  fs.mkdirSync(saveDir, { recursive: true, mode: 0o700 });
  const file = path.join(saveDir, name);
  const bytes = redactBody(answer.body, [target.token, ...(deps.secrets?.() ?? [])]);
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  const ct = answer.headers['content-type'];
  return { path: file, size: bytes.byteLength, contentType: redact((Array.isArray(ct) ? ct[0] : ct) ?? 'audio/wav'), bytes };
}

/** A binary body with every token form replaced; the same buffer when there was nothing to replace. */
export function redactBody(body: Buffer, secrets: Iterable<string | undefined | null>): Buffer {
  const view = body.toString('latin1');
  const clean = redactLatin1(view, secrets);
  return clean === view ? body : Buffer.from(clean, 'latin1');
}
