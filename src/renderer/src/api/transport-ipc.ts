// Desktop transport: the preload exposes window.psrBridge with one named function per contract call.
import type { CallArgs, CallName, EventName, EventPayload, PsrTransport, Result, CallResult } from '../../../shared/contract';

export interface PreloadBridge {
  calls: Record<string, (args?: unknown) => Promise<Result<unknown>>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    psrBridge?: PreloadBridge;
  }
}

export function ipcTransport(bridge: PreloadBridge): PsrTransport {
  return {
    invoke: <K extends CallName>(name: K, args: CallArgs<K> | undefined) => {
      const fn = bridge.calls[name];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: `unknown call ${name}` } } as Result<CallResult<K>>);
      return fn(args) as Promise<Result<CallResult<K>>>;
    },
    on: <K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) =>
      bridge.on(name, listener as (p: unknown) => void),
  };
}
