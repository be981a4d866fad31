// Any PCM WAV → what PSR plays (8 kHz, 16-bit, mono), with the decoded size bounded from the header
// BEFORE any allocation, and every step (decode + mono mix, resampling, conversion to 16-bit) done in
// slices of bounded work: `wavToPsrPcmAsync` yields to the event loop between slices, so one large file
// never stalls the calls running next to it. Files from outside (uploads, bot actions, scenarios, the
// endpoint's file source) go through the async form; the sync form is for the app's own bundled prompts.
import { resampledLength, resampleRange, resampleTaps } from '../../shared/audio/resample';
import { AppError } from '../../shared/errors';
import { MAX_DECODED_SAMPLES, mixFramesToMono, readWavLayout } from './wav';

export { MAX_DECODED_SAMPLES };

/** Most samples of PSR audio (8 kHz mono) one file may become: 30 minutes. */
export const MAX_PSR_SAMPLES = 8000 * 60 * 30;
/**
 * Work allowed between two yields, in sample reads (decoding: one per channel sample; resampling: one per
 * kernel tap). 2^18 is a few ms on a desktop and well under 50 ms on a slow, loaded machine.
 */
export const SLICE_WORK = 1 << 18;
const PSR_RATE = 8000;

/** Refuses, before decoding, a WAV whose decoded or resampled size is over the limits. */
export function checkWavSize(bytes: Uint8Array): void {
  const { frames, channels, sampleRate } = readWavLayout(bytes);
  const decoded = frames * channels;
  if (decoded > MAX_DECODED_SAMPLES) {
    throw new AppError('AUDIO_TOO_LARGE', `the WAV decodes to ${decoded} samples (${frames} frames × ${channels} channels); the limit is ${MAX_DECODED_SAMPLES} samples`);
  }
  const out = resampledLength(frames, sampleRate, PSR_RATE);
  if (out > MAX_PSR_SAMPLES) {
    throw new AppError('AUDIO_TOO_LARGE', `the WAV is ${Math.round(out / PSR_RATE)} s long at 8 kHz (${frames} frames at ${sampleRate} Hz); the limit is ${MAX_PSR_SAMPLES / PSR_RATE / 60} minutes`);
  }
}

function toInt16Into(input: Float32Array, out: Int16Array, offset: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const v = input[i]! * 32768;
    out[offset + i] = v >= 32767 ? 32767 : v <= -32768 ? -32768 : Math.round(v);
  }
}

/**
 * The conversion as slices. Each `yield` hands back the work (sample reads) done since the previous one,
 * never more than SLICE_WORK (a slice holds at least one unit: one frame, or one output sample); the
 * return value is the PCM. Exported so tests can measure the largest slice.
 */
export function* psrPcmSlices(bytes: Uint8Array): Generator<number, Int16Array> {
  checkWavSize(bytes);
  const layout = readWavLayout(bytes);
  const { frames, channels, sampleRate } = layout;
  const mono = new Float32Array(frames);
  const framesPerSlice = Math.max(1, Math.floor(SLICE_WORK / channels));
  for (let s = 0; s < frames; s += framesPerSlice) {
    const e = Math.min(frames, s + framesPerSlice);
    mixFramesToMono(bytes, layout, mono, s, e);
    yield (e - s) * channels;
  }
  return yield* monoToPsrSlices(mono, sampleRate);
}

/** Mono float audio at any rate → PSR PCM, in slices of at most SLICE_WORK sample reads (resampling and 16-bit). */
export function* monoToPsrSlices(mono: Float32Array, sampleRate: number): Generator<number, Int16Array> {
  const frames = mono.length;
  const outLen = sampleRate === PSR_RATE ? frames : resampledLength(frames, sampleRate, PSR_RATE);
  const out = new Int16Array(outLen);
  if (sampleRate === PSR_RATE) {
    for (let s = 0; s < outLen; s += SLICE_WORK) {
      const n = Math.min(SLICE_WORK, outLen - s);
      toInt16Into(mono.subarray(s, s + n), out, s, n);
      yield n;
    }
    return out;
  }
  // Each output sample reads `taps` input samples: the slice holds as many outputs as the budget allows.
  const taps = resampleTaps(sampleRate, PSR_RATE);
  const outPerSlice = Math.max(1, Math.floor(SLICE_WORK / taps));
  const scratch = new Float32Array(Math.min(outPerSlice, outLen));
  for (let s = 0; s < outLen; s += outPerSlice) {
    const n = Math.min(outPerSlice, outLen - s);
    resampleRange(mono, sampleRate, PSR_RATE, s, s + n, scratch);
    toInt16Into(scratch, out, s, n);
    yield n * taps;
  }
  return out;
}

function runAll(steps: Generator<number, Int16Array>): Int16Array {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Synchronous conversion, for the app's own bundled files (known small) and tests; the same slices. */
export function wavToPsrPcm(bytes: Uint8Array): Int16Array {
  return runAll(psrPcmSlices(bytes));
}

/** For any file from outside: yields to the event loop between slices (at most SLICE_WORK sample reads each). */
export function wavToPsrPcmAsync(bytes: Uint8Array): Promise<Int16Array> {
  return runYielding(psrPcmSlices(bytes));
}

/** Runs slices, letting the event loop turn between two of them. */
export async function runYielding<T>(steps: Generator<number, T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
