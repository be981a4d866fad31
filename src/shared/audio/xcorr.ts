// Normalised cross-correlation: where, and how well, a reference sound occurs inside a longer signal.
// The numerator for every lag comes from one FFT product; the signal's window energies from a prefix
// sum, so a minute of 8 kHz audio against a few seconds of reference costs a few FFTs, not N·M.

/** In-place iterative radix-2 FFT; `re`/`im` lengths must be the same power of two. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      const half = len >> 1;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const xr = re[b]! * cr - im[b]! * ci;
        const xi = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a]! += xr;
        im[a]! += xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
  if (!inverse) return;
  for (let i = 0; i < n; i++) {
    re[i]! /= n;
    im[i]! /= n;
  }
}

export interface XcorrMatch {
  /** Best normalised cross-correlation, −1..1 (1: the reference occurs exactly, at any gain). */
  corr: number;
  /** Sample offset of the best match in the signal. */
  offset: number;
}

/**
 * Best normalised cross-correlation of `ref` against every window of `signal` of the same length.
 * Windows nearly silent (RMS below `minRms`, as a fraction of full scale) are skipped: silence
 * correlates with nothing.
 */
export function bestMatch(signal: Int16Array, ref: Int16Array, minRms = 0.001): XcorrMatch {
  const m = ref.length;
  if (m === 0 || signal.length < m) return { corr: 0, offset: -1 };
  let size = 1;
  while (size < signal.length + m) size <<= 1;
  const sr = new Float64Array(size);
  const si = new Float64Array(size);
  const rr = new Float64Array(size);
  const ri = new Float64Array(size);
  for (let i = 0; i < signal.length; i++) sr[i] = signal[i]! / 32768;
  let refEnergy = 0;
  for (let i = 0; i < m; i++) {
    const v = ref[i]! / 32768;
    rr[i] = v;
    refEnergy += v * v;
  }
  if (refEnergy === 0) return { corr: 0, offset: -1 };
  fft(sr, si);
  fft(rr, ri);
  // signal ⋆ ref = IFFT(S · conj(R))
  for (let i = 0; i < size; i++) {
    const a = sr[i]!;
    const b = si[i]!;
    const c = rr[i]!;
    const d = -ri[i]!;
    sr[i] = a * c - b * d;
    si[i] = a * d + b * c;
  }
  fft(sr, si, true);
  const prefix = new Float64Array(signal.length + 1);
  for (let i = 0; i < signal.length; i++) {
    const v = signal[i]! / 32768;
    prefix[i + 1] = prefix[i]! + v * v;
  }
  const minEnergy = minRms * minRms * m;
  const refNorm = Math.sqrt(refEnergy);
  let best = 0;
  let offset = -1;
  for (let lag = 0; lag + m <= signal.length; lag++) {
    const e = prefix[lag + m]! - prefix[lag]!;
    if (e < minEnergy) continue;
    const c = sr[lag]! / (Math.sqrt(e) * refNorm);
    if (c > best) {
      best = c;
      offset = lag;
    }
  }
  return { corr: Math.min(1, best), offset };
}
