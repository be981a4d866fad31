// Typed pushed events. Services emit; services subscribe to everything; each transport client (the
// Electron window, each web bridge socket) is a BusClient that gets the events of every call except
// the per-call ones (call audio), which reach only the clients that asked for that call.
import { contract, type EventName, type EventPayload } from '../../shared/contract';
import { AppError } from '../../shared/errors';

type AnyListener = (name: EventName, payload: unknown) => void;

/** Events a client receives only for the calls it subscribed to (high rate, useful to one listener). */
export const PER_CALL_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['call:audio']);

/** How many calls one client may subscribe to at once. */
export const MAX_CALLS_PER_CLIENT = 16;
/** The longest call id a client may subscribe to (the contract's call ids are at most this long). */
export const MAX_CALL_ID_CHARS = 200;

export interface BusClient {
  /**
   * Subscribe this client to (or unsubscribe it from) one call's per-call events. Returns false when
   * over the limit or when the id is longer than MAX_CALL_ID_CHARS (nothing is kept for it).
   */
  listen(callId: string, on: boolean): boolean;
  /** Calls this client subscribed to. */
  readonly calls: ReadonlySet<string>;
  close(): void;
}

export class EventBus {
  private readonly listeners = new Set<AnyListener>();
  private readonly clients = new Set<{ listener: AnyListener; calls: Set<string> }>();
  /** Subscribed clients per call. */
  private readonly interest = new Map<string, number>();
  private readonly interestListeners = new Set<(callId: string, subscribed: boolean) => void>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    // Validate in development-grade strictness: a bad payload is a bug in a service, not user input.
    const parsed = contract.events[name].payload.safeParse(payload);
    if (!parsed.success) {
      throw new Error(`event ${name}: payload does not match the contract: ${parsed.error.message}`);
    }
    for (const l of this.listeners) l(name, parsed.data);
    if (this.clients.size === 0) return;
    const callId = PER_CALL_EVENTS.has(name) ? (parsed.data as { callId: string }).callId : null;
    for (const c of this.clients) if (callId === null || c.calls.has(callId)) c.listener(name, parsed.data);
  }

  /** Every event (services and tests). */
  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A transport client: every event except per-call ones, which it gets only for calls it listens to. */
  client(listener: AnyListener): BusClient {
    const entry = { listener, calls: new Set<string>() };
    this.clients.add(entry);
    return {
      calls: entry.calls,
      listen: (callId: string, on: boolean): boolean => {
        if (callId.length > MAX_CALL_ID_CHARS) return false;
        if (on === entry.calls.has(callId)) return true;
        if (on && entry.calls.size >= MAX_CALLS_PER_CLIENT) return false;
        if (on) entry.calls.add(callId);
        else entry.calls.delete(callId);
        this.changeInterest(callId, on ? 1 : -1);
        return true;
      },
      close: (): void => {
        if (!this.clients.delete(entry)) return;
        for (const callId of entry.calls) this.changeInterest(callId, -1);
        entry.calls.clear();
      },
    };
  }

  /** Whether any client listens to a call's per-call events. */
  isSubscribed(callId: string): boolean {
    return (this.interest.get(callId) ?? 0) > 0;
  }

  /** Told when a call gets its first subscribed client or loses its last one (producers start or stop). */
  onInterest(listener: (callId: string, subscribed: boolean) => void): () => void {
    this.interestListeners.add(listener);
    return () => this.interestListeners.delete(listener);
  }

  private changeInterest(callId: string, delta: 1 | -1): void {
    const before = this.interest.get(callId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) this.interest.delete(callId);
    else this.interest.set(callId, after);
    if ((before === 0) !== (after === 0)) for (const l of this.interestListeners) l(callId, after > 0);
  }
}

/**
 * A listen request (live:listen, calls:listen): subscribes the calling client to the call's audio;
 * producers follow the bus's interest (onInterest). Without a client (CLI, tests calling a handler
 * directly) the producer is switched directly.
 */
export function subscribeCall(client: BusClient | undefined, callId: string, on: boolean, direct: (on: boolean) => void): void {
  if (!client) return direct(on);
  if (callId.length > MAX_CALL_ID_CHARS) {
    throw new AppError('INVALID_ARGUMENT', `field 'callId': expected a call id of at most ${MAX_CALL_ID_CHARS} characters, got ${callId.length} characters`, 'callId', {
      context: 'big_string',
      limit: MAX_CALL_ID_CHARS,
    });
  }
  if (!client.listen(callId, on)) {
    throw new AppError('CALL_LISTEN_LIMIT', `field 'callId': a window listens to at most ${MAX_CALLS_PER_CLIENT} calls at once; stop one first`, 'callId');
  }
}
