// One HTTP exchange with PSR over undici, and the mapping of every failure to a coded PsrError.
// No retries: creating a call is not idempotent, so a failed attempt is reported, never repeated.
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import type { ErrorCode } from '../../shared/error-catalog';
import { AppError, type ErrorParams } from '../../shared/errors';
import { isLoopbackHost } from '../../shared/psr/request';
import { checkUserFilePath, readUserFile, UserFileError } from '../io/user-file';

export interface PsrConnectionOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** PEM file of an extra CA to trust (corporate TLS inspection, a private PSR); added to the system roots. */
  caFile: string | null;
}

export const defaultConnectionOptions: PsrConnectionOptions = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  caFile: null,
};

export interface HttpDeps {
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Name resolution, injectable so tests can produce a real ENOTFOUND without leaving the machine. */
  lookup?: LookupFunction;
  signal?: AbortSignal;
}

/** A failure talking to PSR. `status` and `body` (verbatim) when PSR answered. */
export class PsrError extends AppError {
  readonly status: number | null;
  readonly body: string | null;
  constructor(code: ErrorCode, message: string, extra: { status?: number | null; body?: string | null; field?: string; params?: ErrorParams } = {}) {
    super(code, message, extra.field, extra.params);
    this.status = extra.status ?? null;
    this.body = extra.body ?? null;
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Largest CA bundle accepted as `caFile` (the system roots of a whole OS are a few hundred KiB). */
export const CA_FILE_MAX_BYTES = 1024 * 1024;

const CA_FILE_RULE = { field: 'caFile', noun: 'PEM file', maxBytes: CA_FILE_MAX_BYTES };

function caFileError(caFile: string, e: unknown): PsrError {
  const reason = e instanceof UserFileError ? e.reason : 'unknown';
  const message = e instanceof UserFileError ? e.message : `caFile: expected a readable PEM file at ${caFile} (${String(e)})`;
  return new PsrError('PSR_CA_FILE', message, { field: 'caFile', params: { path: caFile, cause: reason } });
}

/** The PEM text of the extra CA bundle named by `caFile`: a regular file of at most CA_FILE_MAX_BYTES, else PSR_CA_FILE with params {path, cause}. */
export async function readCaFile(caFile: string): Promise<string> {
  try {
    return (await readUserFile(caFile, CA_FILE_RULE)).toString('utf8');
  } catch (e) {
    throw caFileError(caFile, e);
  }
}

/** The check when `caFile` is set: PSR_CA_FILE for a path that is a FIFO, device or folder, or too large (a missing file is refused when used). */
export async function checkCaFilePath(caFile: string): Promise<void> {
  try {
    await checkUserFilePath(caFile, CA_FILE_RULE);
  } catch (e) {
    throw caFileError(caFile, e);
  }
}

export async function createDispatcher(target: URL, opts: PsrConnectionOptions, deps: HttpDeps = {}): Promise<Dispatcher> {
  const ca = opts.caFile ? [...tls.rootCertificates, await readCaFile(opts.caFile)] : undefined;
  const connect = { timeout: opts.connectTimeoutMs, ...(ca ? { ca } : {}), ...(deps.lookup ? { lookup: deps.lookup } : {}) };
  const common = { connect, headersTimeout: opts.headersTimeoutMs, bodyTimeout: opts.bodyTimeoutMs };
  // A proxy never makes sense for this machine itself (the offline simulator, a local PSR).
  if (isLoopbackHost(target.hostname)) return new Agent(common);
  const env = deps.env ?? process.env;
  return new EnvHttpProxyAgent({
    ...common,
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
    // Through a proxy the TLS session to PSR is made by the tunnel, which takes its own options.
    requestTls: { ...(ca ? { ca } : {}) },
  });
}

export async function httpExchange(
  method: 'GET' | 'POST',
  url: string,
  init: { headers: Record<string, string>; body?: Buffer; maxBytes: number },
  opts: PsrConnectionOptions,
  deps: HttpDeps = {},
): Promise<HttpAnswer> {
  const target = new URL(url);
  const dispatcher = await createDispatcher(target, opts, deps);
  let destroyed = false;
  try {
    const res = await request(target, {
      method,
      headers: init.headers,
      body: init.body,
      dispatcher,
      signal: deps.signal,
    });
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      const b = chunk as Buffer;
      total += b.byteLength;
      if (total > init.maxBytes) {
        res.body.destroy();
        throw new PsrError('PSR_BAD_RESPONSE', `HTTP ${res.statusCode} from ${target.origin}: the body is larger than ${init.maxBytes} bytes`, {
          status: res.statusCode,
          params: { context: 'tooLarge', status: res.statusCode, limitBytes: init.maxBytes },
        });
      }
      chunks.push(b);
    }
    return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) };
  } catch (e) {
    // Tear down at once: a timed-out or failed socket must not linger (close() would wait for it).
    destroyed = true;
    void dispatcher.destroy().catch(() => {});
    throw toPsrError(e, target, opts);
  } finally {
    if (!destroyed) void dispatcher.close().catch(() => {});
  }
}

const TLS_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the certificate is not trusted here',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of the certificate is unknown',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for a different host name',
  CERT_REVOKED: 'the certificate was revoked',
  CERT_SIGNATURE_FAILURE: 'the certificate signature is invalid',
};

/** Walks an error and its causes for the first Node/undici code. */
function codeOf(e: unknown): { code: string | undefined; message: string } {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur; depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string' && c !== 'UND_ERR') return { code: c, message: (cur as Error).message ?? String(cur) };
    cur = (cur as { cause?: unknown }).cause;
  }
  return { code: undefined, message: e instanceof Error ? e.message : String(e) };
}

export function toPsrError(e: unknown, target: URL, opts: PsrConnectionOptions): PsrError {
  if (e instanceof PsrError) return e;
  const { code, message } = codeOf(e);
  const where = target.host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new PsrError('PSR_DNS', `Cannot resolve the host name '${target.hostname}' (${code}): check the base URL of the profile and your network/DNS`, { params: { host: target.hostname, cause: code } });
  }
  if (code === 'ECONNREFUSED') {
    return new PsrError('PSR_CONNECTION_REFUSED', `Connection refused by ${where}: nothing is listening there; check the base URL (host and port)`, { params: { where } });
  }
  if (code && (TLS_PROBLEMS[code] || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO' || /CERT/.test(code))) {
    const problem = TLS_PROBLEMS[code] ?? message;
    return new PsrError('PSR_TLS', `TLS to ${where} failed: ${problem} (${code}). Trust the issuing CA with a CA file, or fix the server certificate`, {
      params: TLS_PROBLEMS[code] ? { where, cause: code } : { where, cause: code, foreign: message },
    });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new PsrError('PSR_TIMEOUT', `No connection to ${where} within ${opts.connectTimeoutMs} ms (connect timeout); not retried`, { params: { context: 'connect', where, limitMs: opts.connectTimeoutMs } });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new PsrError('PSR_TIMEOUT', `${where} accepted the request but did not answer within ${opts.headersTimeoutMs} ms (header timeout); not retried — the call may still have been created`, {
      params: { context: 'headers', where, limitMs: opts.headersTimeoutMs },
    });
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new PsrError('PSR_TIMEOUT', `${where} stopped sending its answer for ${opts.bodyTimeoutMs} ms (body timeout); not retried — the call may still have been created`, {
      params: { context: 'body', where, limitMs: opts.bodyTimeoutMs },
    });
  }
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || (e as Error)?.name === 'AbortError') {
    if (/proxy/i.test(message)) return new PsrError('PSR_PROXY', `The proxy refused the tunnel to ${where}: ${message}`, { params: { where, foreign: message } });
    return new PsrError('PSR_ABORTED', `The request to ${where} was cancelled`, { params: { where } });
  }
  if (/proxy/i.test(message)) return new PsrError('PSR_PROXY', `The proxy failed the connection to ${where}: ${message}`, { params: { where, foreign: message } });
  return new PsrError('PSR_NETWORK', `The connection to ${where} failed: ${message}${code ? ` (${code})` : ''}`, {
    params: code ? { where, cause: code, foreign: message } : { where, foreign: message },
  });
}
