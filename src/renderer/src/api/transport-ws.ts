// Web-mode transport: the loopback WebSocket bridge served by `npm run web`.
// The per-run secret arrives in the page URL (?secret=…); the server also set it as a cookie.
import type { CallArgs, CallName, EventName, EventPayload, PsrTransport, Result, CallResult } from '../../../shared/contract';
import { decodeAudioEvent } from '../../../shared/contract/live';

type Pending = { resolve: (r: Result<unknown>) => void };

export function wsTransport(url: string, onState: (s: 'open' | 'closed') => void): PsrTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();

  const connect = () => {
    const ws = new WebSocket(url);
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
    ws.onclose = () => {
      onState('closed');
      for (const [id, p] of pending) {
        p.resolve({ ok: false, error: { code: 'BRIDGE_CLOSED', message: 'The connection to the console service was lost' } });
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
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void });
        const text = JSON.stringify({ id, call: name, args });
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
