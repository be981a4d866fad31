// The two Electron IPC channels every contract call and event travels on (named once, used by
// src/main/electron/ipc.ts and src/preload/index.ts).
export const INVOKE_CHANNEL = 'psr:invoke';
export const EVENT_CHANNEL = 'psr:event';
