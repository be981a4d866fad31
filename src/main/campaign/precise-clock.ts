// The generator worker's clock: a frame clock that wakes on time to a tenth of a millisecond.
// Node's timers run on the event loop's whole-millisecond time, so a 20 ms frame clock on setTimeout
// wakes 0–1 ms after each slot is due (half a millisecond late on average, before any work). This
// clock sets the timer a little early and sleeps the last fraction on a futex (Atomics.wait, which
// takes a fractional timeout in ms), then runs the slot. Only for a worker thread with nothing else
// to do in that fraction: it blocks the thread's event loop for at most EARLY_MS per wake-up.
import { realClock, type MonotonicClock } from '../simulator/frame-clock';

/** How much earlier than due the timer is set; the rest is slept precisely. */
export const EARLY_MS = 1;
/** A remainder shorter than this is not worth a sleep (the futex's own wake-up latency). */
const MIN_SLEEP_MS = 0.05;

/** Sleep this thread for `ms` (fractional), without spinning. */
function sleepPrecise(cell: Int32Array, ms: number): void {
  if (ms > MIN_SLEEP_MS) Atomics.wait(cell, 0, 0, ms);
}

export function preciseClock(now: () => number = () => performance.now()): MonotonicClock {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return {
    now,
    schedule(fn, delayMs) {
      const target = now() + Math.max(0, delayMs);
      const t = setTimeout(
        () => {
          sleepPrecise(cell, target - now());
          fn();
        },
        Math.max(0, delayMs - EARLY_MS),
      );
      return () => clearTimeout(t);
    },
    defer: realClock.defer,
  };
}
