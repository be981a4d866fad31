// Web-mode transport: the loopback WebSocket bridge served by `npm run web`.
// The per-run secret arrives in the page URL's fragment (#secret=…, never sent over HTTP); the page
// keeps it in this tab's sessionStorage and presents it as a WebSocket subprotocol. It is never a cookie.
import type { CallArgs, CallName, EventName, EventPayload, PsrTransport, Result, CallResult } from '../../../shared/contract';
import { decodeAudioEvent } from '../../../shared/contract/live';
import { BRIDGE_MAX_MESSAGE_BYTES } from '../../../shared/security-errors';

type Pending = { resolve: (r: Result<unknown>) => void };

const SECRET_KEY = 'psr-secret';
export const BRIDGE_PROTOCOL = 'psr-console';

/** Reads the secret from the fragment (then removes it from the address bar) or from sessionStorage. */
export function takeWebSecret(): string {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('secret');
  if (fromHash) {
    sessionStorage.setItem(SECRET_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

function closeError(code: number): Result<unknown> {
  if (code === 1009) {
    return { ok: false, error: { code: 'BRIDGE_MESSAGE_TOO_LARGE', message: `the limit is ${mib(BRIDGE_MAX_MESSAGE_BYTES)} per request` } };
  }
  if (code === 1007) return { ok: false, error: { code: 'BRIDGE_BAD_MESSAGE', message: 'the message was not valid UTF-8' } };
  return { ok: false, error: { code: 'BRIDGE_CLOSED', message: 'The connection to the console service was lost' } };
}

export function wsTransport(url: string, secret: string, onState: (s: 'open' | 'closed') => void): PsrTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const encoder = new TextEncoder();

  const connect = () => {
    const ws = new WebSocket(url, [BRIDGE_PROTOCOL, `secret.${secret}`]);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      onState('open');
      for (const m of queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (ev) => {
      // Binary frames carry call audio as bytes (encodeAudioEvent).
      if (ev.data instanceof ArrayBuffer) {
        const audio = decodeAudioEvent(new Uint8Array(ev.data));
        if (audio) for (const l of listeners.get('call:audio') ?? []) l(audio);
        return;
      }
      const msg = JSON.parse(String(ev.data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
      if (typeof msg.id === 'number' && msg.result) {
        pending.get(msg.id)?.resolve(msg.result);
        pending.delete(msg.id);
      } else if (typeof msg.event === 'string') {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      }
    };
    ws.onclose = (ev) => {
      onState('closed');
      const failure = closeError(ev.code);
      for (const [id, p] of pending) {
        p.resolve(failure);
        pending.delete(id);
      }
      socket = null;
      setTimeout(connect, 1000);
    };
  };
  connect();

  return {
    invoke: <K extends CallName>(name: K, args: CallArgs<K> | undefined) =>
      new Promise<Result<CallResult<K>>>((resolve) => {
        const id = nextId++;
        const text = JSON.stringify({ id, call: name, args });
        // Refused here, before sending: the server would close the whole connection for it.
        if (text.length > BRIDGE_MAX_MESSAGE_BYTES / 3 && encoder.encode(text).byteLength > BRIDGE_MAX_MESSAGE_BYTES) {
          resolve(closeError(1009) as Result<CallResult<K>>);
          return;
        }
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void });
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      }),
    on: <K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set!.delete(listener as (p: unknown) => void);
    },
  };
}
