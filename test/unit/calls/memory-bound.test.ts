// Memory after a hostile call: 300 frames of 1 MB with an unknown event, through a real endpoint on
// port 0 with the calls domain on the same bus. The log file keeps each frame's JSON whole; memory
// keeps each entry's head (INLINE_JSON_MAX) only. Bound documented in src/main/calls/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/api/event-bus';
import { CallsService } from '../../../src/main/calls/calls-service';
import { EndpointService } from '../../../src/main/endpoint/endpoint-service';
import { silentLogger } from '../../../src/main/logger';
import { psrClient } from '../endpoint/helpers';

/** Heap growth allowed after the call, with 300 MB having passed through (documented in the calls README). */
const HEAP_GROWTH_MAX_MB = 20;
/** RSS growth allowed after the call (transient frame buffers and allocator slack included). */
const RSS_GROWTH_MAX_MB = 150;
/** Highest RSS sampled during the call, growth over the start (the PSR client runs in this process too). */
const RSS_PEAK_GROWTH_MAX_MB = 600;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const mb = (n: number) => Math.round(n / 1048576);

describe('memory bound', () => {
  let dir: string;
  let bus: EventBus;
  let endpoint: EndpointService;
  let calls: CallsService;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-mem-'));
    const rec = path.join(dir, 'recordings');
    bus = new EventBus();
    endpoint = new EndpointService({ dataDir: dir, recordingsDir: rec, logger: silentLogger, emit: (n, p) => bus.emit(n, p) });
    calls = new CallsService({ recordingsDir: rec, events: bus, logger: silentLogger, now: Date.now, secrets: () => [] });
    url = (await endpoint.start({ port: 0 })).localUrl!;
  });
  afterAll(async () => {
    await endpoint.dispose();
    await calls.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('300 frames of 1 MB with an unknown event leave memory near where it was', async () => {
    const frames = 300;
    // Just under the endpoint's 1 MiB soft frame limit, so every frame is parsed and logged.
    const frame = JSON.stringify({ event: 'bulk_unknown', data: { blob: 'A'.repeat(1_000_000) } });
    gc();
    const before = process.memoryUsage();
    const ended = new Promise<void>((resolve) => {
      const off = bus.subscribe((n, p) => {
        if (n === 'calls:changed' && (p as { reason: string }).reason === 'ended') {
          off();
          resolve();
        }
      });
    });
    const c = await psrClient(url, { call_id: 'mem-1', tenant: 't' });
    await c.connected('stereo');
    let peakRss = 0;
    for (let i = 0; i < frames; i++) {
      await c.send(frame);
      if (i % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    await c.closed();
    await ended;
    // While the call's log is looked at, memory holds entries cut to their head.
    const page = await calls.logPage({ callId: 'mem-1', offset: 0, limit: 1000, tail: false, types: ['bulk_unknown'] });
    expect(page.matched).toBe(frames);
    gc();
    const after = process.memoryUsage();
    const heapGrowth = after.heapUsed - before.heapUsed;
    const rssGrowth = after.rss - before.rss;
    const log = fs.statSync(path.join(dir, 'recordings', 'mem-1.events.jsonl')).size;
    console.log(
      `memory-bound: heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, rss ${mb(before.rss)} → ${mb(after.rss)} MB (peak sampled ${mb(peakRss)} MB), log file ${mb(log)} MB, load ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`,
    );
    expect(log).toBeGreaterThan(frames * 1_000_000); // the file holds every frame whole
    expect(heapGrowth).toBeLessThan(HEAP_GROWTH_MAX_MB * 1048576);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_MAX_MB * 1048576);
    expect(peakRss - before.rss).toBeLessThan(RSS_PEAK_GROWTH_MAX_MB * 1048576);
  }, 120_000);
});
