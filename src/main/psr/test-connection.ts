// "Test connection" for a profile: harmless, authorised GETs that tell a wrong address, a wrong token
// and a working profile apart, without creating a call. The probe is the recording URL of a call id
// that cannot exist (SPEC §1 shape: {base}/psr/v1/call/record/<id>.wav; §5: recordings need the same
// Authorization). Sent once without and once with the token:
//   network/DNS/TLS failure                       → unreachable (wrong address)
//   with token: 401/403                           → token-rejected
//   with token: 404 (or 2xx), without token: 401/403 → ok (the server checks tokens and accepted ours)
//   with token: 404 (or 2xx), without token: the same → unverified (answers, but never asked for a token)
//   anything else (3xx, 405, 5xx…)               → unexpected (reachable; status shown)
// See docs/psr-protocol.md ("Test connection").
import { randomUUID } from 'node:crypto';
import type { ConnectionTest } from '../../shared/contract/psr';
import { authorizationValue } from '../../shared/psr/curl';
import { assertToken, type PsrTarget } from './create-stream';
import { httpExchange, PsrError, type HttpDeps, type PsrConnectionOptions } from './http';

export const RECORD_PROBE_PREFIX = '/psr/v1/call/record/';

/** The probe URL: a recording of a call id no PSR has (a fresh random UUID each time). */
export function probeUrl(baseUrl: string, id: string = randomUUID()): string {
  return `${baseUrl.replace(/\/+$/, '')}${RECORD_PROBE_PREFIX}psr-console-test-${id}.wav`;
}

const denied = (s: number) => s === 401 || s === 403;
const found = (s: number) => s === 404 || (s >= 200 && s < 300);

export async function testConnection(target: PsrTarget, options: PsrConnectionOptions, deps: HttpDeps = {}, now: () => number = Date.now): Promise<ConnectionTest> {
  const token = assertToken(target);
  const url = probeUrl(target.baseUrl);
  const started = now();
  // Short answers only: a probe never needs a body beyond an error message.
  const probe = (headers: Record<string, string>) => httpExchange('GET', url, { headers: { 'user-agent': 'psr-console', ...headers }, maxBytes: 64 * 1024 }, options, deps);
  const result = (outcome: ConnectionTest['outcome'], status: number | null, code: string | null, detail: string): ConnectionTest => ({
    outcome,
    status,
    code,
    detail,
    url,
    durationMs: Math.round(now() - started),
  });
  let withToken;
  try {
    withToken = await probe({ authorization: authorizationValue(target.authScheme, token) });
  } catch (e) {
    if (e instanceof PsrError) return result('unreachable', null, e.code, e.message);
    throw e;
  }
  const status = withToken.status;
  if (denied(status)) return result('token-rejected', status, `PSR_HTTP_${status}`, `HTTP ${status} with the token: the server rejected it (or its scheme)`);
  if (!found(status)) return result('unexpected', status, null, `HTTP ${status}: not an answer PSR gives for a recording URL; check the base URL`);
  let without;
  try {
    without = await probe({});
  } catch (e) {
    if (e instanceof PsrError) return result('unreachable', null, e.code, e.message);
    throw e;
  }
  if (denied(without.status)) return result('ok', status, null, `HTTP ${without.status} without the token, HTTP ${status} with it: the token is accepted`);
  return result('unverified', status, null, `HTTP ${without.status} without the token too: the server answers but did not check the token (is this PSR?)`);
}
