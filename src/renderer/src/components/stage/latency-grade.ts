// A turn latency's colour on the stage, by the thresholds the user set (green below "good", amber
// below "fair", red above). Thresholds given the wrong way round are taken in order.
export type LatencyGrade = 'good' | 'fair' | 'poor';

export const DEFAULT_GOOD_MS = 800;
export const DEFAULT_FAIR_MS = 1500;

export function gradeLatency(ms: number, goodMs: number, fairMs: number): LatencyGrade {
  const lo = Math.min(goodMs, fairMs);
  const hi = Math.max(goodMs, fairMs);
  if (ms < lo) return 'good';
  if (ms < hi) return 'fair';
  return 'poor';
}
