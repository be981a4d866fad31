// One clock for every buffered file writer in the process (call recordings, call logs). Each writer
// says how long its oldest pending byte may wait; the clock looks at all of them a few times a
// second and asks the ones whose data has waited that long to flush. A writer fed in real time
// flushes by size (a second of audio) and the clock never adds a write of its own; a trickle is
// still on disk within its wait plus one tick. One timer for hundreds of calls, not one per file.

export interface FlushClient {
  /** Called on each tick: flush if the oldest pending data has waited long enough. */
  tick(now: number): void;
}

/** How often the clock looks (ms). A writer's data reaches the disk at most this much after its wait. */
export const FLUSH_TICK_MS = 250;

const clients = new Set<FlushClient>();
let timer: NodeJS.Timeout | null = null;

function tickAll(): void {
  const now = performance.now();
  for (const c of clients) c.tick(now);
}

/** Start looking after `client`; returns the function that stops it. */
export function watchFlushes(client: FlushClient): () => void {
  clients.add(client);
  if (timer === null) {
    timer = setInterval(tickAll, FLUSH_TICK_MS);
    // Pending data never keeps the process alive; writers flush on close.
    timer.unref();
  }
  return () => {
    clients.delete(client);
    if (clients.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Writers the clock is looking after (for tests: a closed writer must not stay here). */
export function watchedFlushClients(): number {
  return clients.size;
}
