// Whole-call expectations of a scenario (`expect:`): turn latency, protocol, conformance, bot audio.
import type { ConformanceRule, Scenario } from '../../shared/scenario';
import { englishStepMessage, stepMessage, type StepMessage } from '../../shared/scenario/step-messages';
import { percentile, type ExpectationResult } from './results';

/** An expectation's words: the English message (CLI, reports) and the same as a code with params. */
function said(m: StepMessage): { message: string; msg: StepMessage } {
  return { message: englishStepMessage(m), msg: m };
}

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
    const turns = facts.latencies.length;
    let failed: StepMessage | null = null;
    if (p95 === null) failed = stepMessage('exp_turns_none');
    else if (tl.p95_max !== undefined && p95 > tl.p95_max) failed = stepMessage('exp_p95_over', { limit_ms: tl.p95_max, p95_ms: p95, turns });
    else if (tl.max !== undefined && max! > tl.max) failed = stepMessage('exp_max_over', { limit_ms: tl.max, max_ms: max! });
    out.push({ name: 'turn_latency_ms', passed: failed === null, ...said(failed ?? stepMessage('exp_turns_ok', { p95_ms: p95!, turns })), figures });
  }
  if (facts.protocol.length > 0 || exp.protocol === 'strict') {
    const first = facts.protocol[0];
    const strict = exp.protocol === 'strict';
    out.push({
      name: 'protocol',
      passed: !strict || !first,
      ...(first && !strict ? { warning: true } : {}),
      ...said(first ? stepMessage('exp_protocol_bad', { count: facts.protocol.length, at_ms: first.ms, code: first.code, detail: first.detail }) : stepMessage('exp_protocol_ok')),
      figures: { malformed: facts.protocol.length },
    });
  }
  const levels = { ...DEFAULT_CONFORMANCE, ...(exp.conformance ?? {}) };
  for (const rule of Object.keys(levels) as ConformanceRule[]) {
    const level = levels[rule];
    const hits = facts.conformance.filter((c) => c.rule === rule);
    if (level === 'off' || hits.length === 0) continue;
    out.push({ name: `conformance.${rule}`, passed: level !== 'fail', ...(level === 'warn' ? { warning: true } : {}), ...said(stepMessage('exp_conformance', { count: hits.length, rule, detail: hits[0]!.detail })), figures: { count: hits.length } });
  }
  exp.bot_audio.forEach((b, i) => {
    const corr = facts.botCorr[i] ?? 0;
    const label = facts.botAudioLabels[i] ?? b.matches;
    const ok = corr >= b.min_corr;
    out.push({
      name: `bot_audio[${i}]`,
      passed: ok,
      ...said(ok ? stepMessage('exp_audio_ok', { label, corr: corr.toFixed(2) }) : stepMessage('exp_audio_bad', { label, min: b.min_corr, corr: corr.toFixed(2) })),
      figures: { correlation: Math.round(corr * 1000) / 1000, min: b.min_corr },
    });
  });
  return out;
}
