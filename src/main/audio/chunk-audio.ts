// The audio of a bot's `chunk` actions (SPEC §3) as PSR plays it: pcm16 chunks joined across a split
// sample, mp3 chunks decoded as one stream and resampled to 8 kHz. One per call; used by the simulator,
// the bot-test call and the campaign generator alike.
import { resample } from '../../shared/audio/resample';
import { StreamingMp3Decoder } from './mp3';
import { bytesToInt16, floatToInt16 } from './pcm';

export class ChunkAudio {
  private mp3Decoder: StreamingMp3Decoder | null = null;
  /** An odd byte of a pcm16 chunk, carried to the next one (a sample may be split). */
  private pcmCarry: number | null = null;

  pcm16(bytes: Uint8Array): Int16Array {
    let src = bytes;
    if (this.pcmCarry !== null) {
      const joined = new Uint8Array(bytes.length + 1);
      joined[0] = this.pcmCarry;
      joined.set(bytes, 1);
      src = joined;
      this.pcmCarry = null;
    }
    if (src.length & 1) {
      this.pcmCarry = src[src.length - 1]!;
      src = src.subarray(0, src.length - 1);
    }
    return bytesToInt16(src);
  }

  async mp3(bytes: Uint8Array): Promise<Int16Array> {
    this.mp3Decoder ??= new StreamingMp3Decoder();
    const { sampleRate, samples } = await this.mp3Decoder.decode(bytes);
    return floatToInt16(sampleRate === 8000 ? samples : resample(samples, sampleRate, 8000));
  }

  free(): void {
    this.mp3Decoder?.free();
    this.mp3Decoder = null;
  }
}
