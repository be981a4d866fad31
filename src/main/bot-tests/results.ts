// Result types live with the scenario format (src/shared/scenario/results.ts); helpers here.
export type { ExpectationResult, StepResult, StepStatus, TestResult, Timeline, TimelineEvent, TimelineSpan, TurnLatency } from '../../shared/scenario/results';

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}
