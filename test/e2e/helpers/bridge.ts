// Talks to a web-mode console over its bridge from the test process, as the page does: contract
// calls (e.g. endpoint:start) and pushed events.
import WebSocket from 'ws';
import type { CallArgs, CallName, CallResult, EventName, EventPayload, Result } from '../../../src/shared/contract';

export interface BridgeClient {
  call<K extends CallName>(name: K, args?: CallArgs<K>): Promise<CallResult<K>>;
  /** Resolves with the first event of that name matching `match` (seen after this call). */
  waitFor<K extends EventName>(name: K, match?: (p: EventPayload<K>) => boolean, timeoutMs?: number): Promise<EventPayload<K>>;
  close(): void;
}

/** The printed URL carries the secret in its fragment (#secret=…); the bridge takes it as a subprotocol. */
export function secretOf(url: string): string {
  return new URLSearchParams(new URL(url).hash.slice(1)).get('secret') ?? '';
}

export function bridgeProtocols(url: string): string[] {
  return ['psr-console', `secret.${secretOf(url)}`];
}

export async function connectBridge(app: { url: string; origin: string }): Promise<BridgeClient> {
  const ws = new WebSocket(`${app.origin.replace(/^http/, 'ws')}/bridge`, bridgeProtocols(app.url), { origin: app.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const waiters = new Set<{ name: string; match: (p: unknown) => boolean; resolve: (p: unknown) => void }>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
    if (typeof msg.id === 'number' && msg.result) {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else if (typeof msg.event === 'string') {
      for (const w of [...waiters]) {
        if (w.name === msg.event && w.match(msg.payload)) {
          waiters.delete(w);
          w.resolve(msg.payload);
        }
      }
    }
  });
  return {
    call: (name, args) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (r) => (r.ok ? resolve(r.value as never) : reject(new Error(`${name}: ${r.error.code} ${r.error.message}`))));
        ws.send(JSON.stringify({ id, call: name, args }));
      }),
    waitFor: (name, match = () => true, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const w = { name, match: match as (p: unknown) => boolean, resolve: resolve as (p: unknown) => void };
        waiters.add(w);
        setTimeout(() => {
          if (waiters.delete(w)) reject(new Error(`no ${name} event within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      }),
    close: () => ws.close(),
  };
}
