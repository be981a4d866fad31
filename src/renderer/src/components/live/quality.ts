// A plain-words verdict on what the endpoint measured of a stream: gaps (pauses over 100 ms), jitter
// (RFC 3550), late frames (over 60 ms behind the audio clock) and bad frames (coded errors).
import type { FrameStats } from '../../../../shared/contract/live';

export type QualityVerdict = 'good' | 'fair' | 'poor' | 'unmeasured';

export function badFrames(s: FrameStats): number {
  let n = 0;
  for (const v of Object.values(s.errors)) n += v;
  return n;
}

export function qualityVerdict(s: FrameStats | null | undefined): QualityVerdict {
  if (!s || s.frames === 0) return 'unmeasured';
  const late = (s.lateFrames ?? 0) / s.frames;
  const bad = badFrames(s);
  if (s.gaps > 2 || s.jitterMs > 60 || late > 0.05 || bad > 0) return 'poor';
  if (s.gaps > 0 || s.jitterMs > 20 || late > 0.01) return 'fair';
  return 'good';
}
