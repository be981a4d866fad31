// Desktop transport: the preload exposes window.psrBridge (named functions generated from the contract).
import type { CallArgs, CallName, EventName, EventPayload, PsrTransport, Result, CallResult } from '../../../shared/contract';

export interface PreloadBridge {
  invoke(name: string, args: unknown): Promise<Result<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    psrBridge?: PreloadBridge;
  }
}

export function ipcTransport(bridge: PreloadBridge): PsrTransport {
  return {
    invoke: <K extends CallName>(name: K, args: CallArgs<K> | undefined) =>
      bridge.invoke(name, args) as Promise<Result<CallResult<K>>>,
    on: <K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) =>
      bridge.on(name, listener as (p: unknown) => void),
  };
}
