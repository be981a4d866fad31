// One 20 ms timer for every simulated call. Paced against a monotonic clock: tick n is due at
// start + 20·n, so a late wake-up never shifts later ticks (no drift), and ticks missed while the
// event loop was busy are run at once to catch up (audio time stays locked to wall time).

export const FRAME_MS = 20;
/** After a stall longer than this (laptop asleep, debugger), re-base instead of bursting frames. */
const MAX_CATCH_UP_TICKS = 50;

export interface MonotonicClock {
  /** Milliseconds, monotonic, fractional (performance.now or process.hrtime). */
  now(): number;
  /** setTimeout-like; returns a cancel function. */
  schedule(fn: () => void, delayMs: number): () => void;
}

export const realClock: MonotonicClock = {
  now: () => performance.now(),
  schedule: (fn, delayMs) => {
    const t = setTimeout(fn, Math.max(0, delayMs));
    return () => clearTimeout(t);
  },
};

export interface FrameClockStats {
  ticks: number;
  rebases: number;
  /** Lateness of the last tick's wake-up versus its due time, ms. */
  lastLateMs: number;
}

/** A subscriber receives every tick: `due` = the tick's scheduled monotonic time. */
export type TickListener = (due: number, tick: number) => void;

export class FrameClock {
  private readonly listeners = new Set<TickListener>();
  private startMs = 0;
  private nextTick = 0;
  private cancel: (() => void) | null = null;
  readonly stats: FrameClockStats = { ticks: 0, rebases: 0, lastLateMs: 0 };

  constructor(
    readonly clock: MonotonicClock = realClock,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  /** Subscribe; the timer runs only while someone listens. Returns the unsubscribe function. */
  add(listener: TickListener): () => void {
    this.listeners.add(listener);
    if (!this.cancel) {
      this.startMs = this.clock.now();
      this.nextTick = 1;
      this.arm();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.halt();
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  halt(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private arm(): void {
    const due = this.startMs + this.nextTick * FRAME_MS;
    this.cancel = this.clock.schedule(() => this.wake(), due - this.clock.now());
  }

  private wake(): void {
    this.cancel = null;
    const now = this.clock.now();
    let dueCount = Math.floor((now - this.startMs) / FRAME_MS) - this.nextTick + 1;
    if (dueCount > MAX_CATCH_UP_TICKS) {
      // A stall: skip the lost time rather than blasting seconds of frames at the bot.
      this.stats.rebases++;
      this.nextTick += dueCount - 1;
      dueCount = 1;
    }
    this.stats.lastLateMs = now - (this.startMs + this.nextTick * FRAME_MS);
    for (let i = 0; i < dueCount; i++) {
      const due = this.startMs + this.nextTick * FRAME_MS;
      for (const l of this.listeners) {
        try {
          l(due, this.nextTick);
        } catch (e) {
          this.onError(e);
        }
      }
      this.nextTick++;
      this.stats.ticks++;
    }
    if (this.listeners.size > 0) this.arm();
  }
}
