// One timer for every simulated call. Paced against a monotonic clock: a call's frame n is due at
// start + phase + 20·n, so a late wake-up never shifts later frames (no drift), and frames missed
// while the event loop was busy are sent at once to catch up (audio time stays locked to wall time).
// Calls are spread over ten 2 ms phases of the 20 ms period, like real calls that start at random
// moments: the work of 500 calls is then done in ten small bursts rather than one big one.

export const FRAME_MS = 20;
/** Granularity of the phases calls are spread over. */
export const SLOT_MS = 2;
const SLOTS = FRAME_MS / SLOT_MS;
/** After a stall longer than this (laptop asleep, debugger), re-base instead of bursting frames. */
const MAX_CATCH_UP_SLOTS = 50 * SLOTS;
/**
 * Catching up after a late wake-up: once one wake-up has worked this long, the remaining slots
 * continue after the event loop has had a turn (socket writes, the bots' replies, recording
 * completions), so no single timer tick holds the loop for a long batch.
 */
export const WORK_BUDGET_MS = 4;

export interface MonotonicClock {
  /** Milliseconds, monotonic, fractional (performance.now or process.hrtime). */
  now(): number;
  /** setTimeout-like; returns a cancel function. */
  schedule(fn: () => void, delayMs: number): () => void;
  /** setImmediate-like: run after pending I/O; returns a cancel function. Optional (fake clocks). */
  defer?(fn: () => void): () => void;
}

export const realClock: MonotonicClock = {
  now: () => performance.now(),
  schedule: (fn, delayMs) => {
    const t = setTimeout(fn, Math.max(0, delayMs));
    return () => clearTimeout(t);
  },
  defer: (fn) => {
    const t = setImmediate(fn);
    return () => clearImmediate(t);
  },
};

export interface FrameClockStats {
  /** Frames handed to listeners. */
  frames: number;
  /** Timer wake-ups. */
  wakes: number;
  rebases: number;
  /** Lateness of the last wake-up versus its due time, ms. */
  lastLateMs: number;
  /** Longest time spent inside one wake-up (all the frames it sent), ms; a bench may reset it. */
  maxWorkMs: number;
}

/** Called once per 20 ms for each listener; `due` = the frame's scheduled monotonic time. */
export type TickListener = (due: number) => void;

export class FrameClock {
  private readonly slots: Set<TickListener>[] = Array.from({ length: SLOTS }, () => new Set());
  private count = 0;
  private startMs = 0;
  /** Index of the next slot to run; slot k is due at startMs + k·SLOT_MS. */
  private k = 0;
  private cancel: (() => void) | null = null;
  readonly stats: FrameClockStats = { frames: 0, wakes: 0, rebases: 0, lastLateMs: 0, maxWorkMs: 0 };

  /**
   * @param phaseMs Where this clock's slots fall on the wall clock's 2 ms grid (epoch time modulo
   *   SLOT_MS); null: wherever the first listener arrives. Clocks in several threads given different
   *   phases do their bursts of work at different moments instead of competing for the cores at once.
   * @param epochOf The wall-clock (epoch ms) time of a `clock.now()` reading; only used with phaseMs.
   */
  constructor(
    readonly clock: MonotonicClock = realClock,
    private readonly onError: (e: unknown) => void = () => {},
    private readonly phaseMs: number | null = null,
    private readonly epochOf: (mono: number) => number = (mono) => performance.timeOrigin + mono,
  ) {}

  /** Subscribe (on the least busy phase); the timer runs only while someone listens. Returns the unsubscribe function. */
  add(listener: TickListener): () => void {
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.size < slot.size) slot = s;
    slot.add(listener);
    this.count++;
    if (!this.cancel && this.count === 1) {
      const now = this.clock.now();
      this.startMs = this.phaseMs === null ? now : now + mod(this.phaseMs - this.epochOf(now), SLOT_MS);
      this.k = 1;
    }
    // Re-arm: the new listener's phase may come before the slot the timer sleeps until.
    this.cancel?.();
    this.arm();
    return () => {
      if (!slot.delete(listener)) return;
      this.count--;
      if (this.count === 0) this.halt();
    };
  }

  get size(): number {
    return this.count;
  }

  halt(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** Sleep until the next slot that has listeners. */
  private arm(): void {
    let j = this.k;
    while (this.slots[j % SLOTS]!.size === 0 && j < this.k + SLOTS) j++;
    this.cancel = this.clock.schedule(() => this.wake(), this.startMs + j * SLOT_MS - this.clock.now());
  }

  private wake(): void {
    this.cancel = null;
    this.stats.wakes++;
    const now = this.clock.now();
    const last = Math.floor((now - this.startMs) / SLOT_MS);
    if (last - this.k + 1 > MAX_CATCH_UP_SLOTS) {
      // A stall: skip the lost time rather than blasting seconds of frames at the bots.
      this.stats.rebases++;
      this.k = last;
    }
    this.stats.lastLateMs = now - (this.startMs + this.k * SLOT_MS);
    const defer = this.clock.defer;
    for (; this.k <= last; this.k++) {
      const due = this.startMs + this.k * SLOT_MS;
      for (const l of this.slots[this.k % SLOTS]!) {
        try {
          l(due);
        } catch (e) {
          this.onError(e);
        }
        this.stats.frames++;
      }
      if (this.k < last && defer && this.clock.now() - now > WORK_BUDGET_MS && this.count > 0 && !this.cancel) {
        // Over budget with slots still due: let the loop breathe, then carry on (wake() re-reads the clock).
        this.k++;
        this.noteWork(now);
        this.cancel = defer(() => this.wake());
        return;
      }
    }
    this.noteWork(now);
    if (this.count > 0 && !this.cancel) this.arm();
  }

  private noteWork(since: number): void {
    const work = this.clock.now() - since;
    if (work > this.stats.maxWorkMs) this.stats.maxWorkMs = work;
  }
}

function mod(x: number, m: number): number {
  return ((x % m) + m) % m;
}
