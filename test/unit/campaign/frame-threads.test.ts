// The generator's frame threads: the priority they ask for and step down from, the guard that lowers
// an overloaded one, the precise wake-up, and the phases that keep workers' bursts apart.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { EARLY_MS, preciseClock } from '../../../src/main/campaign/precise-clock';
import { framePriority, HIGH_NICE, OverloadGuard, raiseThreadPriority, RT_PRIORITY, threadCpuMs, type PriorityOps } from '../../../src/main/campaign/thread-priority';
import { FrameClock, SLOT_MS, type MonotonicClock } from '../../../src/main/simulator/frame-clock';

function fakeOps(o: { tid?: number | null; chrt?: string | null; nice?: string | null }) {
  const calls: string[] = [];
  const ops: PriorityOps = {
    threadId: () => (o.tid === undefined ? 4242 : o.tid),
    chrt: async (args) => {
      calls.push(`chrt ${args.join(' ')}`);
      return o.chrt ?? null;
    },
    setNice: (tid, nice) => {
      calls.push(`nice ${tid} ${nice}`);
      if (o.nice) throw new Error(o.nice);
    },
  };
  return { ops, calls };
}

describe('frame thread priority', () => {
  it('asks for SCHED_FIFO on the calling thread and stops there when allowed', async () => {
    const { ops, calls } = fakeOps({});
    expect(await raiseThreadPriority('realtime', ops)).toEqual({ mode: 'realtime', reason: null, note: null });
    expect(calls).toEqual([`chrt -f -p ${RT_PRIORITY} 4242`]);
  });

  it('steps down to nice -10, then to normal, and says why at each step', async () => {
    const a = fakeOps({ chrt: 'chrt: failed to set pid 4242\'s policy: Operation not permitted' });
    const got = await raiseThreadPriority('realtime', a.ops);
    expect(got.mode).toBe('high');
    expect(got.reason).toBe('realtime-refused');
    expect(got.note).toMatch(/real-time \(SCHED_FIFO 10\) not allowed: .*Operation not permitted/);
    expect(a.calls).toEqual([`chrt -f -p ${RT_PRIORITY} 4242`, `nice 4242 ${HIGH_NICE}`]);

    const b = fakeOps({ chrt: 'Operation not permitted', nice: 'EACCES: permission denied' });
    const none = await raiseThreadPriority('realtime', b.ops);
    expect(none.mode).toBe('normal');
    expect(none.reason).toBe('raise-refused');
    expect(none.note).toMatch(/SCHED_FIFO.*Operation not permitted; nice -10 not allowed: EACCES/);
  });

  it('high never tries real-time; normal and threadless systems change nothing', async () => {
    const h = fakeOps({});
    expect((await raiseThreadPriority('high', h.ops)).mode).toBe('high');
    expect(h.calls).toEqual([`nice 4242 ${HIGH_NICE}`]);
    const n = fakeOps({});
    expect(await raiseThreadPriority('normal', n.ops)).toEqual({ mode: 'normal', reason: null, note: null });
    expect(n.calls).toEqual([]);
    const w = fakeOps({ tid: null });
    expect(await raiseThreadPriority('realtime', w.ops)).toEqual({ mode: 'normal', reason: 'not-linux', note: 'thread priorities are set on Linux only' });
    expect(w.calls).toEqual([]);
  });

  it('a campaign reports the weakest of its threads with every distinct reason', () => {
    const rt = { mode: 'realtime', reason: null, note: null } as const;
    const high = { mode: 'high', reason: 'realtime-refused', note: 'x' } as const;
    expect(framePriority([rt, high, high])).toEqual({ mode: 'high', reasons: ['realtime-refused'], notes: ['x'] });
    expect(framePriority([rt, { mode: 'normal', reason: 'overloaded', note: 'lowered' }])).toEqual({ mode: 'normal', reasons: ['overloaded'], notes: ['lowered'] });
    expect(framePriority([rt])).toEqual({ mode: 'realtime', reasons: [], notes: [] });
  });

  it('the overload guard fires only after the limit is passed in consecutive windows', () => {
    const g = new OverloadGuard(0.85, 4);
    expect([0.9, 0.95, 0.9, 0.5, 0.9, 0.9, 0.9].map((s) => g.observe(s))).toEqual([false, false, false, false, false, false, false]);
    expect(g.observe(0.99)).toBe(true);
    expect(g.observe(0.2)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('threadCpuMs counts this thread’s CPU time', () => {
    const a = threadCpuMs();
    expect(a).not.toBeNull();
    let b = a!;
    let x = 0;
    for (let i = 0; i < 200 && b <= a!; i++) {
      for (let j = 0; j < 2_000_000; j++) x += j % 7;
      b = threadCpuMs()!;
    }
    expect(x).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a!);
  });

  it.runIf(process.platform === 'linux' && fs.existsSync('/usr/bin/chrt'))('in a real worker thread, the kernel sees the policy the outcome names, and lowering restores it', async () => {
    const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const mod = new URL('../../../src/main/campaign/thread-priority.ts', import.meta.url).href;
    const boot = `
      const { register } = await import(${JSON.stringify(api)}); register();
      const { parentPort } = await import('node:worker_threads');
      const fs = await import('node:fs');
      const p = await import(${JSON.stringify(mod)});
      const stat = () => { const s = fs.readFileSync('/proc/thread-self/stat', 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return { nice: Number(f[16]), policy: Number(f[38]) }; };
      const got = await p.raiseThreadPriority('realtime');
      const raised = stat();
      await p.lowerThreadPriority();
      parentPort.postMessage({ got, raised, lowered: stat() });`;
    const w = new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)));
    const r = await new Promise<{ got: { mode: string }; raised: { nice: number; policy: number }; lowered: { nice: number; policy: number } }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    await w.terminate();
    // SCHED_FIFO is policy 1; nice is field 19 of /proc/<tid>/stat.
    if (r.got.mode === 'realtime') expect(r.raised.policy).toBe(1);
    else if (r.got.mode === 'high') expect(r.raised).toEqual({ nice: HIGH_NICE, policy: 0 });
    else expect(r.raised).toEqual({ nice: 0, policy: 0 });
    expect(r.lowered).toEqual({ nice: 0, policy: 0 });
  });
});

describe('precise wake-up', () => {
  it('never runs a slot before it is due, and a cancelled one not at all', async () => {
    const clock = preciseClock();
    const early: number[] = [];
    for (let i = 0; i < 20; i++) {
      const delay = 0.3 + (i % 5) * 0.9; // around and below EARLY_MS
      await new Promise<void>((resolve) => {
        const target = performance.now() + delay;
        clock.schedule(() => {
          early.push(target - performance.now());
          resolve();
        }, delay);
      });
    }
    expect(Math.max(...early)).toBeLessThanOrEqual(0.06); // the futex's threshold, no earlier
    let ran = false;
    const cancel = clock.schedule(() => (ran = true), EARLY_MS + 2);
    cancel();
    await new Promise<void>((r) => clock.schedule(r, EARLY_MS + 8));
    expect(ran).toBe(false);
  });
});

describe('frame clock phase', () => {
  it('puts its slots on the wall clock’s 2 ms grid at the phase asked for', () => {
    const timers: { at: number; fn: () => void }[] = [];
    let t = 100.37;
    const fake: MonotonicClock = { now: () => t, schedule: (fn, d) => (timers.push({ at: t + d, fn }), () => {}) };
    for (const phase of [0, 0.5, 1, 1.5]) {
      timers.length = 0;
      const epochOffset = 1_700_000_000_000.123;
      const clock = new FrameClock(fake, undefined, phase, (mono) => epochOffset + mono);
      const dues: number[] = [];
      clock.add((due) => dues.push(due));
      for (let i = 0; i < 5; i++) {
        const next = timers.shift()!;
        t = next.at;
        next.fn();
      }
      expect(dues.length).toBeGreaterThan(0);
      for (const d of dues) {
        const r = (((epochOffset + d - phase) % SLOT_MS) + SLOT_MS) % SLOT_MS;
        expect(Math.min(r, SLOT_MS - r)).toBeLessThan(1e-3); // epoch ms as a double: ~0.25 µs steps
      }
      clock.halt();
    }
  });
});
