// The one definition of a call's turn figures, used by the live view (through the turn tracker's
// events) and by the library (from the turns kept in each call's summary file): turns whose answer
// was talked over are listed but kept out of count/min/median/p90/last; they add to `bargeIns`, as do
// barge-ins on bot audio that answered no turn (a greeting).
import type { Turn, TurnSummary } from '../contract/calls';

export function summariseTurns(turns: readonly Turn[], bargeInsOutsideTurns = 0): TurnSummary {
  const clean = turns.filter((t) => !t.bargeIn);
  const lat = clean.map((t) => t.latencyMs).sort((a, b) => a - b);
  const n = lat.length;
  const bargeIns = turns.length - n + bargeInsOutsideTurns;
  if (n === 0) return { count: 0, minMs: null, medianMs: null, p90Ms: null, lastMs: null, bargeIns };
  const median = n % 2 === 1 ? lat[(n - 1) / 2]! : (lat[n / 2 - 1]! + lat[n / 2]!) / 2;
  // Nearest-rank percentile: an observed value, never an interpolation.
  const p90 = lat[Math.min(n - 1, Math.ceil(0.9 * n) - 1)]!;
  return { count: n, minMs: lat[0]!, medianMs: round1(median), p90Ms: p90, lastMs: clean[n - 1]!.latencyMs, bargeIns };
}

/**
 * A summary written before talked-over turns were kept out of the figures counted them: its count
 * included them and `bargeIns` counted exactly those turns. Their count is corrected; the latency
 * figures of such a file cannot be (its turns were not kept), so they stay as written.
 */
export function correctLegacySummary(s: TurnSummary): TurnSummary {
  return { ...s, count: Math.max(0, s.count - s.bargeIns) };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
