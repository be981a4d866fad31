// Checks shared by the static server and the bridge: secret, Host and Origin.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'psr_console_session';

export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Host values we answer to: the loopback address we bound, by IP or name. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function cookieSecret(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export type Refusal = { status: number; reason: string } | null;

/** Host must be ours (defeats DNS rebinding); the secret must come in the query or our cookie. */
export function checkRequest(req: IncomingMessage, port: number, secret: string): Refusal {
  const host = req.headers.host ?? '';
  if (!allowedHosts(port).has(host)) return { status: 421, reason: `Host '${host}' is not this console` };
  const url = new URL(req.url ?? '/', `http://${host}`);
  const given = url.searchParams.get('secret') ?? cookieSecret(req);
  if (!given || !secretsEqual(given, secret)) {
    return { status: 403, reason: 'Missing or wrong secret: open the URL printed by `npm run web`' };
  }
  return null;
}

/** WebSocket upgrades must also come from our own page's Origin. */
export function checkOrigin(req: IncomingMessage, port: number): Refusal {
  const origin = req.headers.origin;
  const ok = origin !== undefined && [...allowedHosts(port)].some((h) => origin === `http://${h}`);
  return ok ? null : { status: 403, reason: `Origin '${origin ?? '(none)'}' is not this console` };
}
