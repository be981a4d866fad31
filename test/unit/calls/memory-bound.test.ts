// Memory after a hostile call: 300 frames of 1 MB with an unknown event, through a real endpoint on
// port 0 with the calls domain on the same bus, in a process of its own (so other test files' work
// cannot blur the figures). The log file keeps each frame's JSON whole; memory keeps each entry's
// head (INLINE_JSON_MAX) only. Bounds documented in src/main/calls/README.md.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** What the process holds after the call (V8 heap + external buffers), growth over the start. */
const HELD_GROWTH_MAX_MB = 30;
/** RSS after the call, growth over the start (the allocator may keep some freed frame buffers). */
const RSS_GROWTH_MAX_MB = 150;
/** Highest RSS sampled during the call, growth over the start (the PSR client runs in this process too). */
const RSS_PEAK_GROWTH_MAX_MB = 600;

const MB = 1048576;
const mb = (n: number) => Math.round(n / MB);

interface Figures {
  frames: number;
  matched: number;
  logBytes: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  peakRss: number;
}

describe('memory bound', () => {
  it('300 frames of 1 MB with an unknown event leave the process’s memory near where it was', async () => {
    const root = path.resolve(__dirname, '../../..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/fixtures/calls/memory-scenario.ts', '300'], {
      cwd: root,
      maxBuffer: 1 << 20,
      timeout: 240_000,
    });
    const f = JSON.parse(stdout.trim().split('\n').pop()!) as Figures;
    const held = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
    console.log(
      `memory-bound: heapUsed ${mb(f.before.heapUsed)} → ${mb(f.after.heapUsed)} MB, external ${mb(f.before.external)} → ${mb(f.after.external)} MB, rss ${mb(f.before.rss)} → ${mb(f.after.rss)} MB (peak sampled ${mb(f.peakRss)} MB), log file ${mb(f.logBytes)} MB, load ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`,
    );
    expect(f.matched).toBe(300);
    expect(f.logBytes).toBeGreaterThan(300 * 1_000_000); // the file holds every frame whole
    expect(held(f.after) - held(f.before)).toBeLessThan(HELD_GROWTH_MAX_MB * MB);
    expect(f.after.rss - f.before.rss).toBeLessThan(RSS_GROWTH_MAX_MB * MB);
    expect(f.peakRss - f.before.rss).toBeLessThan(RSS_PEAK_GROWTH_MAX_MB * MB);
  }, 300_000);
});
