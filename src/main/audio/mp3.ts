// MP3 decode (mpg123-decoder, WebAssembly) and encode (lamejs), for `chunk` actions.
import { Mp3Encoder as LameEncoder } from '@breezystack/lamejs';
import { MPEGDecoder } from 'mpg123-decoder';
import { AppError } from '../../shared/errors';
import { mixToMono } from './pcm';

/** Decode a whole MP3 buffer; returns the mono mixdown at the file's own rate. */
export async function decodeMp3(bytes: Uint8Array): Promise<{ sampleRate: number; samples: Float32Array }> {
  const dec = new StreamingMp3Decoder();
  try {
    const r = await dec.decode(bytes);
    if (r.samples.length === 0 && bytes.length > 0) throw new AppError('MP3_DECODE_FAILED', 'expected MPEG audio frames in the mp3 data, found none', undefined, { context: 'noFrames' });
    return r;
  } finally {
    dec.free();
  }
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
      throw new AppError('MP3_DECODE_FAILED', `expected MPEG audio in the mp3 data: ${e instanceof Error ? e.message : String(e)}`, undefined, {
        foreign: e instanceof Error ? e.message : String(e),
      });
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
