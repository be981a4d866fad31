// Whole-call expectations of a scenario (`expect:`): turn latency, protocol, conformance, bot audio.
import type { ConformanceRule, Scenario } from '../../shared/scenario';
import { percentile, type ExpectationResult } from './results';

export interface CallFacts {
  latencies: number[];
  protocol: { code: string; detail: string; ms: number }[];
  conformance: { rule: ConformanceRule; detail: string; ms: number }[];
  /** Best normalised cross-correlation of each expect.bot_audio reference against leg A. */
  botCorr: number[];
  botAudioLabels: string[];
}

const DEFAULT_CONFORMANCE = { media_sample_rate: 'warn', media_channels: 'warn', media_bit_depth: 'warn', misspelled_event: 'warn', binary_frames: 'warn' } as const;

export function evaluateCall(scenario: Scenario, facts: CallFacts): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  const exp = scenario.expect;
  const tl = exp.turn_latency_ms;
  if (tl && (tl.p95_max !== undefined || tl.max !== undefined)) {
    const p95 = percentile(facts.latencies, 95);
    const max = facts.latencies.length ? Math.max(...facts.latencies) : null;
    const figures: Record<string, number | string> = { turns: facts.latencies.length };
    if (p95 !== null) figures.p95_ms = p95;
    if (max !== null) figures.max_ms = max;
    let message = '';
    if (p95 === null) message = 'expected turn latencies to judge; no reply was measured (add say + expect_reply steps)';
    else if (tl.p95_max !== undefined && p95 > tl.p95_max) message = `expected p95 turn latency ≤ ${tl.p95_max} ms; measured ${p95} ms over ${facts.latencies.length} turns`;
    else if (tl.max !== undefined && max! > tl.max) message = `expected every turn latency ≤ ${tl.max} ms; the slowest was ${max} ms`;
    out.push({ name: 'turn_latency_ms', passed: message === '', message: message || `p95 ${p95} ms over ${facts.latencies.length} turns`, figures });
  }
  if (facts.protocol.length > 0 || exp.protocol === 'strict') {
    const first = facts.protocol[0];
    const strict = exp.protocol === 'strict';
    out.push({
      name: 'protocol',
      passed: !strict || !first,
      ...(first && !strict ? { warning: true } : {}),
      message: first ? `${facts.protocol.length} malformed bot frame(s); first at ${first.ms} ms: [${first.code}] ${first.detail}` : 'every bot frame was well formed',
      figures: { malformed: facts.protocol.length },
    });
  }
  const levels = { ...DEFAULT_CONFORMANCE, ...(exp.conformance ?? {}) };
  for (const rule of Object.keys(levels) as ConformanceRule[]) {
    const level = levels[rule];
    const hits = facts.conformance.filter((c) => c.rule === rule);
    if (level === 'off' || hits.length === 0) continue;
    out.push({ name: `conformance.${rule}`, passed: level !== 'fail', ...(level === 'warn' ? { warning: true } : {}), message: `${hits.length}×: ${hits[0]!.detail}`, figures: { count: hits.length } });
  }
  exp.bot_audio.forEach((b, i) => {
    const corr = facts.botCorr[i] ?? 0;
    const label = facts.botAudioLabels[i] ?? b.matches;
    const ok = corr >= b.min_corr;
    out.push({
      name: `bot_audio[${i}]`,
      passed: ok,
      message: ok ? `${label} heard on leg A (correlation ${corr.toFixed(2)})` : `expected ${label} on leg A with correlation ≥ ${b.min_corr}; best match ${corr.toFixed(2)}`,
      figures: { correlation: Math.round(corr * 1000) / 1000, min: b.min_corr },
    });
  });
  return out;
}
