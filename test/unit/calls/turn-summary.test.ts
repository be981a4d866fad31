// The library's turn figures and the live view's come from one definition: a talked-over answer is
// listed but kept out of the count and the latency figures in both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/shared/contract/calls';
import { summariseTurns } from '../../../src/shared/calls/turn-summary';
import { CallsDisk } from '../../../src/main/calls/disk';
import { Library } from '../../../src/main/calls/library';

const turn = (index: number, latencyMs: number, bargeIn: boolean): Turn => ({ index, bEndT: index * 5000, aStartT: index * 5000 + latencyMs, latencyMs, bargeIn });
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('turn figures', () => {
  it('keep a talked-over answer out of count, median and last, and add it to the barge-ins', () => {
    const s = summariseTurns([turn(0, 400, false), turn(1, 90, true)], 1);
    expect(s).toEqual({ count: 1, minMs: 400, medianMs: 400, p90Ms: 400, lastMs: 400, bargeIns: 2 });
  });

  it('in the library are derived from the turns in the summary file, not from figures written with it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-turns-'));
    dirs.push(dir);
    const disk = new CallsDisk(dir);
    fs.mkdirSync(path.dirname(disk.importedSummary('c1')), { recursive: true });
    const turns = [turn(0, 400, false), turn(1, 90, true)];
    // Figures as an older console wrote them: the talked-over turn counted.
    const stale = { count: 2, minMs: 90, medianMs: 245, p90Ms: 400, lastMs: 90, bargeIns: 1 };
    fs.writeFileSync(
      disk.importedSummary('c1'),
      JSON.stringify({ callId: 'c1', source: 'endpoint', startedAt: 1, endedAt: 2, legs: ['A', 'B'], channel: 'stereo', tenant: null, reason: 'closed', turns: stale, turnList: turns, otherBargeIns: 0, logCount: 0 }),
    );
    const [c] = await new Library(disk).list([]);
    expect(c?.turns).toEqual(summariseTurns(turns));
    expect(c?.turns.count).toBe(1);
  });
});
