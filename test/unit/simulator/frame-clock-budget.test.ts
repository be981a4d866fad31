// Catch-up after a late wake-up is spread over several event-loop turns (WORK_BUDGET_MS per turn),
// and still sends every slot exactly once, in order, with no drift.
import { describe, expect, it } from 'vitest';
import { FRAME_MS, FrameClock, WORK_BUDGET_MS, type MonotonicClock } from '../../../src/main/simulator/frame-clock';

/** A fake clock: timers and deferred calls run in time order; each frame "costs" `workMs` of clock time. */
class SlowWorkClock implements MonotonicClock {
  t = 0;
  private queue: { at: number; seq: number; fn: () => void; gone: boolean; kind: 'timer' | 'defer' }[] = [];
  private seq = 0;
  turns: { kind: 'timer' | 'defer'; start: number; end: number }[] = [];
  now = () => this.t;
  schedule = (fn: () => void, delayMs: number) => this.push(fn, this.t + Math.max(0, delayMs), 'timer');
  defer = (fn: () => void) => this.push(fn, this.t, 'defer');
  private push(fn: () => void, at: number, kind: 'timer' | 'defer') {
    const item = { at, seq: this.seq++, fn, gone: false, kind };
    this.queue.push(item);
    return () => void (item.gone = true);
  }
  run(until: number, lateBy: (at: number) => number): void {
    for (let guard = 0; guard < 1_000_000; guard++) {
      this.queue = this.queue.filter((q) => !q.gone);
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue.shift();
      if (!next || next.at > until) return;
      this.t = Math.max(this.t, next.at + (next.kind === 'timer' ? lateBy(next.at) : 0));
      const start = this.t;
      next.fn();
      this.turns.push({ kind: next.kind, start, end: this.t });
    }
  }
}

describe('frame clock work budget', () => {
  it('spreads a 200 ms catch-up over turns of about WORK_BUDGET_MS, each slot once, in order', () => {
    const clock = new SlowWorkClock();
    const fc = new FrameClock(clock);
    const workMs = 0.05; // 50 µs per frame
    const sent = new Map<number, number[]>();
    for (let c = 0; c < 100; c++) {
      const dues: number[] = [];
      sent.set(c, dues);
      fc.add((due) => {
        dues.push(due);
        clock.t += workMs;
      });
    }
    // One wake-up 200 ms late at t≈1000, otherwise on time.
    let stalled = false;
    clock.run(3000, (at) => (at > 1000 && !stalled ? ((stalled = true), 200) : 0));
    // Every call: a frame every 20 ms, none missing or repeated.
    for (const dues of sent.values()) {
      expect(dues.length).toBeGreaterThan(140);
      dues.forEach((d, i) => i > 0 && expect(d - dues[i - 1]!).toBe(FRAME_MS));
    }
    // No turn worked much longer than the budget (one slot of 10 frames = 0.5 ms may overshoot it).
    const longest = Math.max(...clock.turns.map((t) => t.end - t.start));
    expect(longest).toBeLessThan(WORK_BUDGET_MS + 1);
    expect(clock.turns.some((t) => t.kind === 'defer')).toBe(true);
    expect(fc.stats.maxWorkMs).toBeLessThan(WORK_BUDGET_MS + 1);
  });
});
