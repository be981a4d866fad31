// The campaign's pure parts: customers CSV, the bot URL per call, impairments, the histogram, the
// HTML report (self-contained).
import { describe, expect, it } from 'vitest';
import { callUrl, parseCustomers } from '../../../src/main/campaign/customers';
import { Histogram } from '../../../src/main/campaign/histogram';
import { ImpairedSender, MAX_HELD } from '../../../src/main/campaign/impairments';
import { renderReportHtml } from '../../../src/main/campaign/report-html';
import type { CampaignResult } from '../../../src/main/campaign/campaign-types';

describe('customers CSV', () => {
  it('reads quoted fields, doubled quotes, commas, CRLF and a BOM', () => {
    const c = parseCustomers('\ufeffma_kh,ten\r\nKH1,"Trần, ""Bình"""\r\nKH2,An\r\n');
    expect(c.columns).toEqual(['ma_kh', 'ten']);
    expect(c.rows).toEqual([
      { ma_kh: 'KH1', ten: 'Trần, "Bình"' },
      { ma_kh: 'KH2', ten: 'An' },
    ]);
  });
  it('refuses reserved, duplicate or empty columns and ragged rows, naming the row', () => {
    expect(() => parseCustomers('call_id,x\n1,2\n')).toThrow(/call_id/);
    expect(() => parseCustomers('a,a\n1,2\n')).toThrow(/twice/);
    expect(() => parseCustomers('a,b\n1,2\n3\n')).toThrow(/row 3 has 1 fields/);
    expect(() => parseCustomers('a,b\n')).toThrow(/no customer rows/);
    expect(() => parseCustomers('a\n"open\n')).toThrow(/not closed/);
  });
  it('puts call_id, tenant, the scenario parameters and the customer columns on the bot URL', () => {
    const u = new URL(callUrl('ws://127.0.0.1:9/bot?x=1', 'c-1', 't', { campaign: 'spring' }, { ma_kh: 'KH1', ten: 'Trần Bình' }));
    expect(Object.fromEntries(u.searchParams)).toEqual({ x: '1', call_id: 'c-1', tenant: 't', campaign: 'spring', ma_kh: 'KH1', ten: 'Trần Bình' });
  });
});

describe('impairments', () => {
  const frames = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from([i]));

  it('drop: a dropped media event is never sent', () => {
    const sent: number[] = [];
    let r = 0;
    const s = new ImpairedSender({ jitterMs: 0, dropPct: 50, burst: null }, 0, (b) => sent.push(b[0]!), () => [0.1, 0.9][r++ % 2]!);
    frames(10).forEach((f, i) => s.offer(f, i * 20, i * 20));
    expect(sent).toEqual([1, 3, 5, 7, 9]);
    expect(s.counts.dropped).toBe(5);
  });
  it('jitter: events leave late and bunched, never out of order', () => {
    const sent: { v: number; at: number }[] = [];
    let now = 0;
    let r = 0;
    const rand = [0.9, 0.1, 0.5, 0.0, 0.95, 0.2];
    const s = new ImpairedSender({ jitterMs: 60, dropPct: 0, burst: null }, 0, (b) => sent.push({ v: b[0]!, at: now }), () => rand[r++ % rand.length]!);
    frames(12).forEach((f, i) => {
      now = i * 20;
      s.offer(f, now, now);
    });
    now = 1000;
    s.flush(now);
    expect(sent.map((x) => x.v)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(s.counts.delayed).toBeGreaterThan(0);
    // Bunched: some events left in the same tick.
    const ats = sent.map((x) => x.at);
    expect(new Set(ats).size).toBeLessThan(ats.length);
  });
  it('burst: the held window is sent at once when it ends; held frames are bounded', () => {
    const sent: { v: number; at: number }[] = [];
    let now = 0;
    const s = new ImpairedSender({ jitterMs: 0, dropPct: 0, burst: { everyMs: 1000, holdMs: 200 } }, 0, (b) => sent.push({ v: b[0]!, at: now }));
    frames(15).forEach((f, i) => {
      now = i * 20;
      s.offer(f, now, now);
    });
    expect(sent.filter((x) => x.at === 200).map((x) => x.v)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const big = new ImpairedSender({ jitterMs: 0, dropPct: 0, burst: { everyMs: 600_000, holdMs: 60_000 } }, 0, () => {});
    for (let i = 0; i < MAX_HELD + 50; i++) big.offer(Buffer.from([1]), i * 20, i * 20);
    expect(big.heldCount).toBe(MAX_HELD);
  });
});

describe('histogram', () => {
  it('gives quantiles within a bin and merges deltas', () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.add(i / 10); // 0.1 … 100 ms
    expect(h.quantile(0.5)).toBeCloseTo(50, 0);
    expect(h.quantile(0.99)).toBeCloseTo(99, 0);
    expect(h.countAbove(5)).toBe(950);
    const m = new Histogram();
    m.merge(h.drain());
    expect(m.count).toBe(1000);
    expect(h.count).toBe(0);
    m.add(5000);
    expect(m.quantile(1)).toBe(5000);
  });
});

describe('HTML report', () => {
  it('is self-contained and shows thresholds, impairments and every call', () => {
    const r = {
      schema: 'psr-console.campaign-report/1',
      name: 'Billing <bot>',
      botUrl: 'ws://127.0.0.1:1/bot',
      scenario: 's.yaml',
      profile: null,
      startedAt: '2026-01-01T00:00:00.000Z',
      durationS: 3,
      options: { calls: 1, concurrency: 1, rampPerSec: 1, durationS: null, workers: 1, channel: 'stereo', impairments: { jitterMs: 40, dropPct: 2, burst: null }, recordSample: 0 },
      thresholds: [{ name: 'p95_turn_ms', limit: 400, measured: 510, ok: false }],
      verdict: 'fail',
      summary: { calls: 1, setupOk: 1, setupFailed: 0, passed: 1, failed: 0, setupSuccessPct: 100, callSuccessPct: 100, turns: 1, turnP50: 510, turnP95: 510, turnP99: 510, turnMax: 510, firstAudioP50: 20, pacingP50: 1, pacingP99: 3, pacingMax: 4, framesLatePct: 0, framesSent: 100, framesDropped: 2, framesDelayed: 30, generatorCpuPctOfCore: 3, framePriority: { mode: 'high', reasons: ['realtime-refused'], notes: ['real-time (SCHED_FIFO 10) not allowed: <Operation not permitted>'] }, loadAvg: [1, 1, 1], errors: { CAMPAIGN_STEP_FAILED: 1 } },
      timeline: [{ t: 1, active: 1, launched: 1, done: 0, passed: 0, failed: 0, setupOk: 1, setupFailed: 0, callsPerSec: 0, turnP50: 510, turnP95: 510, pacingP99: 3, errors: {} }],
      rows: [{ index: 0, callId: 'abcdef12-0000', setup: 'ok', setupMs: 3, firstBotAudioMs: 20, turnLatenciesMs: [510], turnSpeechEndAt: [1700000000000.5], actions: { media: 2, chunk: 0, transfer: 0, hangup: 1 }, garbage: {}, verdicts: [], passed: true, end: 'bot-hangup', errorCode: null, errorMessage: null, startedAt: 0, durationMs: 3000, framesSent: 100, framesDropped: 2, framesDelayed: 30, maxHeldMs: 60, recording: null, customer: { ma_kh: 'KH1' } }],
      rowsTruncated: 0,
    } satisfies CampaignResult;
    const html = renderReportHtml(r);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    expect(html).toContain('Billing &#60;bot&#62;');
    expect(html).toContain('p95_turn_ms');
    expect(html).toContain('jitter up to 40 ms');
    expect(html).toContain('ma_kh=KH1');
    expect(html).toMatch(/<svg[^>]+aria-label="Turn latency"/);
    expect(html).toContain('high — real-time (SCHED_FIFO 10) not allowed: &#60;Operation not permitted&#62;');
  });
});
