// Downloading a call's recordings (SPEC §1 response, §5: they need the same Authorization).
import fs from 'node:fs';
import path from 'node:path';
import { authorizationValue } from '../../shared/psr/curl';
import { safeFileName } from './uploads';
import type { PsrTarget } from './create-stream';
import { assertToken, clip } from './create-stream';
import { httpExchange, PsrError, type HttpDeps, type PsrConnectionOptions } from './http';

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
  deps: HttpDeps = {},
): Promise<{ path: string; size: number; contentType: string; bytes: Buffer }> {
  const u = recordingTarget(url, target.baseUrl);
  const token = assertToken(target);
  const answer = await httpExchange(
    'GET',
    u.toString(),
    { headers: { authorization: authorizationValue(target.authScheme, token), 'user-agent': 'psr-console' }, maxBytes: MAX_RECORDING_BYTES },
    options,
    deps,
  );
  if (answer.status === 404) {
    throw new PsrError('PSR_RECORDING_NOT_READY', 'The recording is not ready yet (HTTP 404): PSR writes it when the call ends. Try again later.', { status: 404, params: { status: 404 } });
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new PsrError(answer.status === 401 ? 'PSR_HTTP_401' : 'PSR_HTTP_403', `HTTP ${answer.status}: check the token of profile '${target.profileName}'`, {
      status: answer.status,
      body: clip(answer.body.toString('utf8')),
      params: { status: answer.status, profile: target.profileName },
    });
  }
  if (answer.status !== 200) {
    throw new PsrError('PSR_RECORDING_FAILED', `HTTP ${answer.status} while downloading the recording: ${clip(answer.body.toString('utf8'))}`, { status: answer.status, params: { status: answer.status } });
  }
  const name = safeFileName(decodeURIComponent(path.posix.basename(u.pathname)) || 'recording.wav');
  fs.mkdirSync(saveDir, { recursive: true, mode: 0o700 });
  const file = path.join(saveDir, name);
  fs.writeFileSync(file, answer.body, { mode: 0o600 });
  const ct = answer.headers['content-type'];
  return { path: file, size: answer.body.byteLength, contentType: (Array.isArray(ct) ? ct[0] : ct) ?? 'audio/wav', bytes: answer.body };
}
