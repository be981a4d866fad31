// Test helpers: signals and a lag-searching correlation.

/** A sum of sines (speech-band, so it survives 8 kHz and mp3) at the given rate. */
export function tones(sampleRate: number, seconds: number, freqs: number[] = [300, 700, 1300], amp = 0.25): Float32Array {
  const n = Math.round(sampleRate * seconds);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const f of freqs) v += Math.sin((2 * Math.PI * f * i) / sampleRate);
    out[i] = (v / freqs.length) * amp * 3;
  }
  return out;
}

/** Chirp-like signal with no periodicity, so a correlation peak is unique. */
export function sweep(sampleRate: number, seconds: number, f0 = 200, f1 = 3000, amp = 0.5): Float32Array {
  const n = Math.round(sampleRate * seconds);
  const out = new Float32Array(n);
  const k = (f1 - f0) / seconds;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    out[i] = amp * Math.sin(2 * Math.PI * (f0 * t + (k * t * t) / 2));
  }
  return out;
}

/** Normalised correlation of `ref` against `sig` shifted by lag (sig[i + lag] vs ref[i]). */
export function correlationAt(ref: ArrayLike<number>, sig: ArrayLike<number>, lag: number): number {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < ref.length; i++) {
    const j = i + lag;
    if (j < 0 || j >= sig.length) continue;
    const x = ref[i]!;
    const y = sig[j]!;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Best correlation over lags in [minLag, maxLag] (step 1). */
export function bestCorrelation(ref: ArrayLike<number>, sig: ArrayLike<number>, minLag: number, maxLag: number): { corr: number; lag: number } {
  let best = { corr: -2, lag: 0 };
  for (let lag = minLag; lag <= maxLag; lag++) {
    const c = correlationAt(ref, sig, lag);
    if (c > best.corr) best = { corr: c, lag };
  }
  return best;
}

/** Find where `ref` occurs in `sig` (coarse-to-fine search), returning correlation and offset. */
export function locate(ref: Float32Array | Int16Array, sig: Float32Array | Int16Array): { corr: number; lag: number } {
  const coarse = bestCorrelationStep(ref, sig, 0, Math.max(0, sig.length - Math.floor(ref.length / 2)), 1);
  return bestCorrelation(ref, sig, coarse.lag - 2, coarse.lag + 2);
}

function bestCorrelationStep(ref: ArrayLike<number>, sig: ArrayLike<number>, minLag: number, maxLag: number, step: number) {
  let best = { corr: -2, lag: 0 };
  // Correlate a decimated window for speed; refine afterwards.
  for (let lag = minLag; lag <= maxLag; lag += step) {
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < ref.length; i += 2) {
      const j = i + lag;
      if (j >= sig.length) break;
      const x = ref[i]!;
      const y = sig[j]!;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    const c = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    if (c > best.corr) best = { corr: c, lag };
  }
  return best;
}
