// A fixed-size latency histogram: 0.1 ms bins below 100 ms, 1 ms bins up to 10 s (turn latencies
// read to the ms), 10 ms bins up to 120 s, one overflow bin. Bounded memory whatever the number of
// samples; histograms from several workers merge by adding counts, so quantiles over a whole
// campaign need no list of every frame.

const FINE_BINS = 1000; // 0–100 ms in 0.1 ms
const MID_END_MS = 10_000;
const MID_BINS = MID_END_MS - 100; // 100 ms–10 s in 1 ms
const COARSE_MS = 10;
const COARSE_BINS = Math.ceil((120_000 - MID_END_MS) / COARSE_MS);
export const HISTOGRAM_BINS = FINE_BINS + MID_BINS + COARSE_BINS + 1;

function binOf(ms: number): number {
  if (!(ms > 0)) return 0;
  if (ms < 100) return Math.floor(ms * 10);
  if (ms < MID_END_MS) return FINE_BINS + Math.floor(ms - 100);
  return Math.min(HISTOGRAM_BINS - 1, FINE_BINS + MID_BINS + Math.floor((ms - MID_END_MS) / COARSE_MS));
}

/** The upper edge of a bin (a quantile reads as "at most this"). */
function binValue(bin: number): number {
  if (bin < FINE_BINS) return (bin + 1) / 10;
  if (bin < FINE_BINS + MID_BINS) return 100 + (bin - FINE_BINS + 1);
  return MID_END_MS + (bin - FINE_BINS - MID_BINS + 1) * COARSE_MS;
}

export class Histogram {
  readonly counts = new Uint32Array(HISTOGRAM_BINS);
  count = 0;
  max = 0;
  sum = 0;

  add(ms: number): void {
    this.counts[binOf(ms)]!++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** How many samples are above `ms` (e.g. frames later than 5 ms). */
  countAbove(ms: number): number {
    let n = 0;
    for (let b = binOf(ms) + 1; b < HISTOGRAM_BINS; b++) n += this.counts[b]!;
    return n;
  }

  /** Quantile q in [0, 1], as the upper edge of its bin (capped at the largest sample); NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return Math.min(binValue(b), this.max);
    }
    return this.max;
  }

  /** Non-empty bins as [bin, count, bin, count, …] (small to post between threads), then reset. */
  drain(): HistogramDelta {
    const pairs: number[] = [];
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      const c = this.counts[b]!;
      if (c > 0) pairs.push(b, c);
    }
    const delta = { pairs, count: this.count, max: this.max, sum: this.sum };
    this.reset();
    return delta;
  }

  merge(d: HistogramDelta): void {
    for (let i = 0; i + 1 < d.pairs.length; i += 2) this.counts[d.pairs[i]!]! += d.pairs[i + 1]!;
    this.count += d.count;
    this.sum += d.sum;
    if (d.max > this.max) this.max = d.max;
  }

  mergeFrom(h: Histogram): void {
    for (let b = 0; b < HISTOGRAM_BINS; b++) this.counts[b]! += h.counts[b]!;
    this.count += h.count;
    this.sum += h.sum;
    if (h.max > this.max) this.max = h.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.max = 0;
    this.sum = 0;
  }
}

export interface HistogramDelta {
  pairs: number[];
  count: number;
  max: number;
  sum: number;
}
