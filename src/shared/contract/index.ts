// The one API contract between the main process (services) and the renderer.
// Each domain owns a file; this index only gathers them. Both transports
// (Electron IPC in src/preload + src/main/electron, and the loopback WebSocket
// bridge in src/main/web) are generated from `contract`.
import type { z } from 'zod';
import { appCalls, appEvents } from './app';
import { profilesCalls, profilesEvents } from './profiles';
import { endpointCalls, endpointEvents } from './endpoint';
import { psrCalls, psrEvents } from './psr';
import { simulatorCalls, simulatorEvents } from './simulator';
import { callsCalls, callsEvents } from './calls';
import { liveCalls, liveEvents } from './live';
import { campaignCalls, campaignEvents } from './campaign';
import { testsCalls, testsEvents } from './tests';

export const contract = {
  calls: {
    ...appCalls,
    ...profilesCalls,
    ...endpointCalls,
    ...psrCalls,
    ...simulatorCalls,
    ...callsCalls,
    ...liveCalls,
    ...campaignCalls,
    ...testsCalls,
  },
  events: {
    ...appEvents,
    ...profilesEvents,
    ...endpointEvents,
    ...psrEvents,
    ...simulatorEvents,
    ...callsEvents,
    ...liveEvents,
    ...campaignEvents,
    ...testsEvents,
  },
} as const;

export type Calls = typeof contract.calls;
export type Events = typeof contract.events;
export type CallName = keyof Calls & string;
export type EventName = keyof Events & string;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type ParsedArgs<K extends CallName> = z.output<Calls[K]['args']>;
export type CallResult<K extends CallName> = z.output<Calls[K]['result']>;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

export const callNames = Object.keys(contract.calls) as CallName[];
export const eventNames = Object.keys(contract.events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract.calls, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract.events, name);
}

/** What the renderer sees, whichever transport carries it. */
export type PsrApi = {
  [K in CallName]: (args?: CallArgs<K>) => Promise<CallResult<K>>;
};

export interface PsrTransport {
  invoke<K extends CallName>(name: K, args: CallArgs<K> | undefined): Promise<import('./define').Result<CallResult<K>>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export * from './define';
