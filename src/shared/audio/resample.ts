// Band-limited sample-rate conversion (windowed sinc). Pure math: no Node, no DOM.
// Used for every audio the simulator and endpoint accept (WAV of any rate, mp3 chunks, mic frames).

/** Zero crossings of the sinc kept on each side of the output sample. */
const ZERO_CROSSINGS = 16;
/** Table resolution: kernel values per zero crossing (linear interpolation in between). */
const TABLE_STEPS = 512;
/** Pass band as a fraction of the lower Nyquist: leaves room for the filter's transition band. */
const ROLLOFF = 0.94;

// Blackman-windowed sinc, sampled once: the kernel is then a table lookup per tap, not a Math.sin.
const KERNEL = (() => {
  const n = ZERO_CROSSINGS * TABLE_STEPS + 2;
  const table = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = i / TABLE_STEPS; // in zero crossings
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const w = u >= ZERO_CROSSINGS ? 0 : 0.42 + 0.5 * Math.cos((Math.PI * u) / ZERO_CROSSINGS) + 0.08 * Math.cos((2 * Math.PI * u) / ZERO_CROSSINGS);
    table[i] = sinc * w;
  }
  return table;
})();

function kernelAt(u: number): number {
  const x = u * TABLE_STEPS;
  const i = Math.floor(x);
  if (i >= KERNEL.length - 1) return 0;
  const f = x - i;
  return KERNEL[i]! + (KERNEL[i + 1]! - KERNEL[i]!) * f;
}

/** Resample a whole signal. Same rate returns a copy. Output length = round(len * to / from). */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`sample rates must be positive (got ${fromRate} → ${toRate})`);
  if (fromRate === toRate) return input.slice();
  const out = new Float32Array(resampledLength(input.length, fromRate, toRate));
  resampleRange(input, fromRate, toRate, 0, out.length, out);
  return out;
}

/** Output length of resampling `inputLength` samples. */
export function resampledLength(inputLength: number, fromRate: number, toRate: number): number {
  return Math.round((inputLength * toRate) / fromRate);
}

/** Input samples each output sample reads (the kernel's width): the cost of one output sample. */
export function resampleTaps(fromRate: number, toRate: number): number {
  return 2 * Math.ceil(ZERO_CROSSINGS / (ROLLOFF * Math.min(1, toRate / fromRate))) + 1;
}

/**
 * Output samples `start`..`end` of resampling the whole `input`, written to `out[0..end-start)`.
 * The same arithmetic as `resample`, so a signal resampled range by range equals it resampled at once.
 */
export function resampleRange(input: Float32Array, fromRate: number, toRate: number, start: number, end: number, out: Float32Array): void {
  const step = fromRate / toRate; // input samples per output sample
  // Cutoff in cycles per input sample; below the lower of the two Nyquist frequencies.
  const fc = 0.5 * ROLLOFF * Math.min(1, toRate / fromRate);
  const scale = 2 * fc; // zero crossings per input sample
  const halfWidth = ZERO_CROSSINGS / scale; // in input samples
  const last = input.length - 1;
  for (let n = start; n < end; n++) {
    const p = n * step;
    let lo = Math.ceil(p - halfWidth);
    let hi = Math.floor(p + halfWidth);
    if (lo < 0) lo = 0;
    if (hi > last) hi = last;
    let acc = 0;
    for (let i = lo; i <= hi; i++) {
      const d = i - p;
      acc += input[i]! * kernelAt((d < 0 ? -d : d) * scale);
    }
    out[n - start] = acc * scale;
  }
}
