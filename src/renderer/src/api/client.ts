// The renderer's single entry to the main process: `api['profiles:list']()` etc.,
// whichever transport is underneath. Failures throw ApiError with the contract's {code, message, field}.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { callNames, type CallName, type EventName, type EventPayload, type PsrApi, type PsrTransport } from '../../../shared/contract';
import { BRIDGE_MAX_MESSAGE_BYTES } from '../../../shared/security-errors';
import { ipcTransport } from './transport-ipc';
import { takeWebSecret, wsTransport } from './transport-ws';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let connection: 'open' | 'closed' = 'closed';
const connectionListeners = new Set<() => void>();
const setConnection = (s: 'open' | 'closed') => {
  connection = s;
  for (const l of connectionListeners) l();
};

function createTransport(): PsrTransport {
  if (window.psrBridge) {
    setConnection('open');
    return ipcTransport(window.psrBridge);
  }
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return wsTransport(`${proto}//${location.host}/bridge`, takeWebSecret(), setConnection);
}

export const transport: PsrTransport = createTransport();

/** The desktop app (IPC to main) rather than web mode. */
export const isDesktop: boolean = Boolean(window.psrBridge);

/** Largest request the transport carries in bytes (web bridge), or null when there is no limit (desktop IPC). */
export const maxRequestBytes: number | null = window.psrBridge ? null : BRIDGE_MAX_MESSAGE_BYTES;

export const api = Object.fromEntries(
  callNames.map((name) => [
    name,
    async (args?: unknown) => {
      const r = await transport.invoke(name, args as never);
      if (r.ok) return r.value;
      throw new ApiError(r.error.code, r.error.message, r.error.field, r.error.params);
    },
  ]),
) as PsrApi;

export function call<K extends CallName>(name: K, ...args: Parameters<PsrApi[K]>): ReturnType<PsrApi[K]> {
  return (api[name] as (...a: unknown[]) => ReturnType<PsrApi[K]>)(...args);
}

export function onEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  return transport.on(name, listener);
}

/** Subscribe to a pushed event for the component's lifetime; the latest listener is always used. */
export function useEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => onEvent(name, (p) => ref.current(p)), [name]);
}

export function useConnectionState(): 'open' | 'closed' {
  return useSyncExternalStore(
    (cb) => {
      connectionListeners.add(cb);
      return () => connectionListeners.delete(cb);
    },
    () => connection,
  );
}
