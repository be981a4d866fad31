// MP3 decode (mpg123-decoder, WebAssembly) and encode (lamejs), for `chunk` actions.
import { Mp3Encoder as LameEncoder } from '@breezystack/lamejs';
import { MPEGDecoder } from 'mpg123-decoder';
import { AppError } from '../../shared/errors';
import { resampledLength } from '../../shared/audio/resample';
import { mixToMono } from './pcm';
import { MAX_DECODED_SAMPLES, MAX_PSR_SAMPLES, monoToPsrSlices, runYielding } from './psr-pcm';

/** Decode a whole MP3 buffer; returns the mono mixdown at the file's own rate. */
export async function decodeMp3(bytes: Uint8Array): Promise<{ sampleRate: number; samples: Float32Array }> {
  const dec = new StreamingMp3Decoder();
  try {
    const r = await dec.decode(bytes);
    if (r.samples.length === 0 && bytes.length > 0) throw new AppError('MP3_DECODE_FAILED', 'expected MPEG audio frames in the mp3 data, found none');
    return r;
  } finally {
    dec.free();
  }
}

/** MP3 bytes decoded per slice: a few seconds of audio, a few ms of decoding. */
const MP3_SLICE_BYTES = 32 * 1024;

/**
 * A whole MP3 file → what PSR plays (8 kHz, 16-bit, mono), decoded, resampled and converted in slices that
 * yield to the event loop; refused (AUDIO_TOO_LARGE) as soon as it decodes past 16 M samples or 30 min.
 */
export async function mp3ToPsrPcmAsync(bytes: Uint8Array): Promise<Int16Array> {
  const dec = new StreamingMp3Decoder();
  const pieces: Float32Array[] = [];
  let total = 0;
  let rate = 0;
  try {
    for (let off = 0; off < bytes.length; off += MP3_SLICE_BYTES) {
      const r = await dec.decode(bytes.subarray(off, off + MP3_SLICE_BYTES));
      if (r.samples.length > 0) {
        rate ||= r.sampleRate;
        pieces.push(r.samples);
        total += r.samples.length;
      }
      if (total > MAX_DECODED_SAMPLES) throw new AppError('AUDIO_TOO_LARGE', `the mp3 decodes to more than ${MAX_DECODED_SAMPLES} samples; the limit is ${MAX_DECODED_SAMPLES} samples`);
      if (rate && resampledLength(total, rate, 8000) > MAX_PSR_SAMPLES) {
        throw new AppError('AUDIO_TOO_LARGE', `the mp3 is longer than ${MAX_PSR_SAMPLES / 8000 / 60} minutes; the limit is ${MAX_PSR_SAMPLES / 8000 / 60} minutes`);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    dec.free();
  }
  if (total === 0) throw new AppError('MP3_DECODE_FAILED', 'expected MPEG audio frames in the mp3 data, found none');
  const mono = new Float32Array(total);
  let at = 0;
  for (const p of pieces) {
    mono.set(p, at);
    at += p.length;
  }
  pieces.length = 0;
  return runYielding(monoToPsrSlices(mono, rate));
}

/**
 * A decoder kept for a whole `chunk` stream: MP3 frames may be split across chunks,
 * and mpg123 carries the partial frame over to the next decode() call.
 */
export class StreamingMp3Decoder {
  private readonly decoder = new MPEGDecoder();
  private freed = false;

  async decode(bytes: Uint8Array): Promise<{ sampleRate: number; samples: Float32Array }> {
    await this.decoder.ready;
    if (this.freed) return { sampleRate: 8000, samples: new Float32Array(0) };
    let r;
    try {
      r = this.decoder.decode(bytes);
    } catch (e) {
      throw new AppError('MP3_DECODE_FAILED', `expected MPEG audio in the mp3 data: ${e instanceof Error ? e.message : String(e)}`);
    }
    const samples = r.samplesDecoded > 0 ? mixToMono(r.channelData.map((c) => c.subarray(0, r.samplesDecoded))).slice() : new Float32Array(0);
    return { sampleRate: r.sampleRate || 8000, samples };
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    void this.decoder.ready.then(() => this.decoder.free());
  }
}

/** Mono MP3 encoder (lamejs). 8 kHz (MPEG 2.5) at 32 kbps by default, as PSR's chunks are. */
export class Mp3Encoder {
  private readonly lame: LameEncoder;
  constructor(sampleRate = 8000, kbps = 32) {
    this.lame = new LameEncoder(1, sampleRate, kbps);
  }
  encode(pcm: Int16Array): Uint8Array {
    return new Uint8Array(this.lame.encodeBuffer(pcm));
  }
  flush(): Uint8Array {
    return new Uint8Array(this.lame.flush());
  }
}
