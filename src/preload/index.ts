// The sandboxed preload: exposes one named function per contract call and a typed event
// subscription — never ipcRenderer itself. Arguments are validated again in main.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callNames, eventNames } from '../shared/contract';
import { EVENT_CHANNEL as EVENT, INVOKE_CHANNEL as INVOKE } from '../shared/contract/ipc-channels';

const calls: Record<string, (args?: unknown) => Promise<unknown>> = {};
for (const name of callNames) {
  calls[name] = (args?: unknown) => ipcRenderer.invoke(INVOKE, name, args);
}

const known = new Set<string>(eventNames);
const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(EVENT, (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const l of listeners.get(name) ?? []) l(payload);
});

contextBridge.exposeInMainWorld('psrBridge', {
  calls,
  on(name: string, listener: (payload: unknown) => void): () => void {
    if (!known.has(name) || typeof listener !== 'function') throw new Error(`unknown event ${String(name)}`);
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
});
