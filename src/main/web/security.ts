// Checks of the web-mode server: Host on every request, and on the bridge also Origin and the per-run
// secret. The secret is never a cookie (cookies ignore ports, and every 127.0.0.1 port is the same
// site): the page gets it in the URL fragment, which browsers never send over HTTP, keeps it in its own
// sessionStorage, and presents it as a WebSocket subprotocol when it opens the bridge.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The subprotocol the server selects; the secret travels as a second one, `secret.<secret>`. */
export const BRIDGE_PROTOCOL = 'psr-console';
export const SECRET_PROTOCOL_PREFIX = 'secret.';

export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Host values we answer to: the loopback address we bound, by IP or name. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export type Refusal = { status: number; reason: string } | null;

/** Host must be ours: defeats DNS rebinding (a foreign name resolving to 127.0.0.1). */
export function checkHost(req: IncomingMessage, port: number): Refusal {
  const host = req.headers.host ?? '';
  return allowedHosts(port).has(host) ? null : { status: 421, reason: `Host '${host.slice(0, 100)}' is not this console` };
}

/** The secret offered in Sec-WebSocket-Protocol, if any. */
export function offeredSecret(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  for (const p of header.split(',')) {
    const v = p.trim();
    if (v.startsWith(SECRET_PROTOCOL_PREFIX)) return v.slice(SECRET_PROTOCOL_PREFIX.length);
  }
  return undefined;
}

/** A bridge upgrade needs our Host, our Origin and the secret as a subprotocol. */
export function checkBridgeUpgrade(req: IncomingMessage, port: number, secret: string): Refusal {
  const host = checkHost(req, port);
  if (host) return host;
  const origin = req.headers.origin;
  if (origin === undefined || ![...allowedHosts(port)].some((h) => origin === `http://${h}`)) {
    return { status: 403, reason: `Origin '${(origin ?? '(none)').slice(0, 100)}' is not this console` };
  }
  const given = offeredSecret(req);
  if (!given || !secretsEqual(given, secret)) {
    return { status: 403, reason: 'Missing or wrong secret: open the URL printed by `npm run web`' };
  }
  return null;
}
