// After create stream answered 200, did PSR really open the stream? A 200 only says PSR accepted the
// request. When the console can see the other end — the built-in simulator (its own call's state) or
// the console's own endpoint (a connection carrying the call_id) — it watches, says within
// `notConnectedMs` that PSR has not connected, and keeps watching up to `maxWatchMs` for a late one.
import { englishOf, logMessage, type LogMessage } from '../../shared/call-log';
import type { PsrConnection } from '../../shared/contract/psr';
import type { EventBus } from '../api/event-bus';

export const NOT_CONNECTED_MS = 10_000;
export const MAX_WATCH_MS = 120_000;
const POLL_MS = 200;

/** What the watcher reads of a simulator call (SimCall's fields). */
export interface SimCallState {
  state: string;
  reason: string | null;
  framesSent: number;
  log: ReadonlyArray<{ text: string; msg?: LogMessage }>;
}

export interface WatchSources {
  events: EventBus;
  /** The built-in simulator's call with this id, if the request went to the simulator. */
  simulatorCall?: ((callId: string) => SimCallState | null) | undefined;
  now: () => number;
  notConnectedMs?: number;
  maxWatchMs?: number;
  /** Called once when the watch stops (decided, timed out or cancelled). */
  onEnd?: () => void;
}

/** Same host and port (and path, when `url` names one) as one of the endpoint's URLs. */
export function pointsAtEndpoint(url: string, endpointUrls: ReadonlyArray<string | null>): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const host = (h: string) => (h === 'localhost' ? '127.0.0.1' : h);
  return endpointUrls.some((e) => {
    if (!e) return false;
    try {
      const x = new URL(e);
      return host(x.hostname) === host(u.hostname) && x.port === u.port && (u.pathname === '/' || x.pathname === u.pathname);
    } catch {
      return false;
    }
  });
}

export interface ConnectionWatch {
  initial: PsrConnection;
  /** Each decided state in turn (not-connected may be followed by a late connected); ends with the last. */
  onChange(listener: (c: PsrConnection) => void): void;
  cancel(): void;
}

/** What the simulator's call said last (its log's last line), else how it ended. */
function lastWords(call: SimCallState): LogMessage {
  const last = call.log[call.log.length - 1];
  if (last?.msg) return last.msg;
  return last ? logMessage('note', { text: last.text }) : logMessage('sim.ended', { reason: call.reason });
}

export function watchConnection(callId: string, url: string, via: PsrConnection['via'], src: WatchSources): ConnectionWatch {
  const started = src.now();
  const notConnectedMs = src.notConnectedMs ?? NOT_CONNECTED_MS;
  const maxWatchMs = src.maxWatchMs ?? MAX_WATCH_MS;
  let current: PsrConnection = { via, state: 'waiting', url, detail: null, afterMs: null, watchMs: notConnectedMs };
  const listeners: Array<(c: PsrConnection) => void> = [];
  let done = false;

  const set = (state: PsrConnection['state'], detailMsg: LogMessage | null, final: boolean) => {
    if (done || current.state === state) return;
    current = { ...current, state, detail: detailMsg ? englishOf(detailMsg) : null, detailMsg, afterMs: Math.round(src.now() - started) };
    for (const l of listeners) l(current);
    if (final) cancel();
  };

  const unsubscribe = src.events.subscribe((name, payload) => {
    if (name === 'call:started' && (payload as { callId?: string }).callId === callId) set('connected', null, true);
  });
  const poll = setInterval(() => {
    const call = src.simulatorCall?.(callId);
    if (call) {
      if (call.state === 'in-progress' || (call.state === 'completed' && call.framesSent > 0)) return set('connected', null, true);
      if (call.state === 'completed' || call.state === 'failed') return set('failed', lastWords(call), true);
      if (call.state === 'busy' || call.state === 'no-answer') return set('not-answered', logMessage('sim.ended', { reason: call.reason }), true);
    }
    const waited = src.now() - started;
    if (waited >= maxWatchMs) return cancel();
    if (waited >= notConnectedMs) set('not-connected', null, false);
  }, POLL_MS);
  poll.unref?.();

  function cancel() {
    if (done) return;
    done = true;
    src.onEnd?.();
    clearInterval(poll);
    unsubscribe();
  }

  return {
    initial: current,
    onChange: (l) => void listeners.push(l),
    cancel,
  };
}
