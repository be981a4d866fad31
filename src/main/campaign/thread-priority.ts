// The scheduling priority of a generator worker's thread. A frame thread sleeps most of the time and
// must wake within a millisecond of each 2 ms slot; with the bot under test on the same cores, the
// kernel's ordinary scheduler lets it wait a few milliseconds now and then (measured here: 1 % of
// frames later than 5 ms at 500 calls on 2 cores), which is the generator's own error, not the bot's.
// Audio software solves this the same way: the frame thread asks for a real-time policy
// (SCHED_FIFO at a low real-time priority, through util-linux `chrt`, which needs CAP_SYS_NICE or an
// rtprio limit), else a raised nice value (needs a nice limit), else stays as it is. Whatever it
// got is reported. A real-time thread that keeps a core busy would starve the bot it measures, so
// the worker drops itself back to normal when its thread is overloaded (OverloadGuard); the
// kernel's real-time throttling (95 % of each second) is the last resort.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { PRIORITY_MODES, type PriorityMode, type PriorityReason } from '../../shared/campaign/priority';

/** SCHED_FIFO priority asked for: low among real-time priorities (kernel IRQ threads run at 50). */
export const RT_PRIORITY = 10;
/** Nice value asked for when real-time is not allowed. */
export const HIGH_NICE = -10;

export interface PriorityOutcome {
  mode: PriorityMode;
  /** Why the thread has less than was asked for (null: it got it), and the system's words for it. */
  reason: PriorityReason | null;
  note: string | null;
}

export interface PriorityOps {
  /** This thread's kernel id; null where threads have none to address (not Linux). */
  threadId(): number | null;
  /** Run `chrt` with these arguments; resolves with the failure's text, or null on success. */
  chrt(args: string[]): Promise<string | null>;
  /** Set a thread's nice value (throws when not permitted). */
  setNice(tid: number, nice: number): void;
}

export const linuxOps: PriorityOps = {
  threadId() {
    if (process.platform !== 'linux') return null;
    try {
      const link = fs.readlinkSync('/proc/thread-self'); // "<pid>/task/<tid>"
      const tid = Number(link.slice(link.lastIndexOf('/') + 1));
      return Number.isInteger(tid) && tid > 0 ? tid : null;
    } catch {
      return null;
    }
  },
  chrt(args) {
    return new Promise((resolve) => {
      execFile('chrt', args, { timeout: 5000 }, (err, _out, stderr) => {
        resolve(err ? (stderr.trim().split('\n').pop() || err.message) : null);
      });
    });
  },
  setNice(tid, nice) {
    os.setPriority(tid, nice);
  },
};

/** Ask for `wanted` for the calling thread, stepping down to what the system allows. */
export async function raiseThreadPriority(wanted: PriorityMode, ops: PriorityOps = linuxOps): Promise<PriorityOutcome> {
  if (wanted === 'normal') return { mode: 'normal', reason: null, note: null };
  const tid = ops.threadId();
  if (tid === null) return { mode: 'normal', reason: 'not-linux', note: 'thread priorities are set on Linux only' };
  const refused: string[] = [];
  if (wanted === 'realtime') {
    const err = await ops.chrt(['-f', '-p', String(RT_PRIORITY), String(tid)]);
    if (err === null) return { mode: 'realtime', reason: null, note: null };
    refused.push(`real-time (SCHED_FIFO ${RT_PRIORITY}) not allowed: ${err}`);
  }
  try {
    ops.setNice(tid, HIGH_NICE);
    return { mode: 'high', reason: refused.length ? 'realtime-refused' : null, note: refused[0] ?? null };
  } catch (e) {
    refused.push(`nice ${HIGH_NICE} not allowed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { mode: 'normal', reason: 'raise-refused', note: refused.join('; ') };
}

/** Back to the ordinary policy and nice 0 (best effort). */
export async function lowerThreadPriority(ops: PriorityOps = linuxOps): Promise<void> {
  const tid = ops.threadId();
  if (tid === null) return;
  await ops.chrt(['-o', '-p', '0', String(tid)]);
  try {
    ops.setNice(tid, 0);
  } catch {
    // A lower priority than asked is no harm here.
  }
}

/** CPU time this thread has used, ms (Linux: /proc/thread-self/stat, 10 ms ticks); null elsewhere. */
export function threadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Watches a raised thread's share of a core, one window at a time: overloaded when the share stayed
 * above `limit` for `windows` windows in a row. A frame thread at 500 calls uses about a quarter of a
 * core; one near a whole core is not keeping up and, at real-time priority, would starve the bot.
 */
export class OverloadGuard {
  private run = 0;
  constructor(
    readonly limit = 0.85,
    readonly windows = 4,
  ) {}

  /** One window's CPU share (0–1); true once overloaded. */
  observe(share: number): boolean {
    this.run = share > this.limit ? this.run + 1 : 0;
    return this.run >= this.windows;
  }
}

/** What a campaign's frame threads run at: the weakest of its workers, and every reason given. */
export interface FramePriority {
  mode: PriorityMode;
  reasons: PriorityReason[];
  notes: string[];
}

export function framePriority(outcomes: readonly PriorityOutcome[]): FramePriority {
  let rank = 0;
  const notes = new Set<string>();
  const reasons = new Set<PriorityReason>();
  for (const o of outcomes) {
    rank = Math.max(rank, PRIORITY_MODES.indexOf(o.mode));
    if (o.note) notes.add(o.note);
    if (o.reason) reasons.add(o.reason);
  }
  return { mode: outcomes.length ? PRIORITY_MODES[rank]! : 'normal', reasons: [...reasons], notes: [...notes] };
}
