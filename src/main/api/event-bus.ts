// Typed pushed events. Services emit; transports (IPC, web bridge) subscribe to all.
import { contract, type EventName, type EventPayload } from '../../shared/contract';

type AnyListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    // Validate in development-grade strictness: a bad payload is a bug in a service, not user input.
    const parsed = contract.events[name].payload.safeParse(payload);
    if (!parsed.success) {
      throw new Error(`event ${name}: payload does not match the contract: ${parsed.error.message}`);
    }
    for (const l of this.listeners) l(name, parsed.data);
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
