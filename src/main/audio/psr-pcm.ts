// Any PCM WAV → what PSR plays (8 kHz, 16-bit, mono), with the decoded size bounded BEFORE any
// allocation and the resampling done in slices: the async form yields to the event loop between
// slices, so one large file never stalls the other calls. The sync form runs the same slices.
import { resample } from '../../shared/audio/resample';
import { AppError } from '../../shared/errors';
import { floatToInt16, mixToMono } from './pcm';
import { decodeWav, MAX_DECODED_SAMPLES, readWavLayout } from './wav';

export { MAX_DECODED_SAMPLES };

/** Most samples of PSR audio (8 kHz mono) one file may become: 30 minutes. */
export const MAX_PSR_SAMPLES = 8000 * 60 * 30;
/** Output samples produced per slice (0.25 s of PSR audio): a few ms of work each. */
const SLICE_OUT = 2000;
const PSR_RATE = 8000;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Refuses, before decoding, a WAV whose decoded or resampled size is over the limits. */
export function checkWavSize(bytes: Uint8Array): void {
  const { frames, channels, sampleRate } = readWavLayout(bytes);
  const decoded = frames * channels;
  if (decoded > MAX_DECODED_SAMPLES) {
    throw new AppError('AUDIO_TOO_LARGE', `the WAV decodes to ${decoded} samples (${frames} frames × ${channels} channels); the limit is ${MAX_DECODED_SAMPLES} samples`, undefined, { context: 'samples', samples: decoded, limit: MAX_DECODED_SAMPLES });
  }
  const out = Math.round((frames * PSR_RATE) / sampleRate);
  if (out > MAX_PSR_SAMPLES) {
    throw new AppError('AUDIO_TOO_LARGE', `the WAV is ${Math.round(out / PSR_RATE)} s long at 8 kHz (${frames} frames at ${sampleRate} Hz); the limit is ${MAX_PSR_SAMPLES / PSR_RATE / 60} minutes`, undefined, {
      context: 'duration',
      seconds: Math.round(out / PSR_RATE),
      limitMinutes: MAX_PSR_SAMPLES / PSR_RATE / 60,
    });
  }
}

/** The conversion as a series of steps; each `yield` is a point where the event loop may run. */
function* psrPcmSteps(bytes: Uint8Array, result: { pcm: Int16Array }): Generator<void> {
  checkWavSize(bytes);
  const wav = decodeWav(bytes);
  yield;
  const mono = mixToMono(wav.samples);
  yield;
  const from = wav.sampleRate;
  const outLen = Math.round((mono.length * PSR_RATE) / from);
  const out = new Int16Array(outLen);
  if (from === PSR_RATE) {
    out.set(floatToInt16(mono));
    result.pcm = out;
    return;
  }
  // Slices start on input indices that map to whole output indices, with enough context on each side
  // for the resampler's kernel, so the stitched output equals resampling the whole signal.
  const g = gcd(from, PSR_RATE);
  const inUnit = from / g;
  const outUnit = PSR_RATE / g;
  const unitsPerSlice = Math.max(1, Math.round(SLICE_OUT / outUnit));
  const halfWidth = 16 / (0.94 * Math.min(1, PSR_RATE / from)) + 2;
  const margin = Math.ceil(halfWidth / inUnit) * inUnit;
  for (let s = 0; s < mono.length; s += unitsPerSlice * inUnit) {
    const segStart = Math.max(0, s - margin);
    const segEnd = Math.min(mono.length, s + unitsPerSlice * inUnit + margin);
    const r = resample(mono.subarray(segStart, segEnd), from, PSR_RATE);
    const offset = ((s - segStart) / inUnit) * outUnit;
    const globalStart = (s / inUnit) * outUnit;
    const count = Math.min(unitsPerSlice * outUnit, outLen - globalStart, r.length - offset);
    if (count > 0) out.set(floatToInt16(r.subarray(offset, offset + count)), globalStart);
    yield;
  }
  result.pcm = out;
}

/** Synchronous conversion (startup files, tests); the same slices as the async form. */
export function wavToPsrPcm(bytes: Uint8Array): Int16Array {
  const result = { pcm: new Int16Array(0) };
  const steps = psrPcmSteps(bytes, result);
  while (!steps.next().done);
  return result.pcm;
}

/** For files from the network (uploads, bot actions): yields to the event loop between slices. */
export async function wavToPsrPcmAsync(bytes: Uint8Array): Promise<Int16Array> {
  const result = { pcm: new Int16Array(0) };
  const steps = psrPcmSteps(bytes, result);
  while (!steps.next().done) await new Promise<void>((r) => setImmediate(r));
  return result.pcm;
}
