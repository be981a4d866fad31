// Reads what the bot sends during a campaign call (SPEC §3, §4): audio actions become leg-A PCM,
// transfer and hangup become events; anything else (binary frames, non-JSON text, unknown events,
// undecodable payloads) is counted under a stable code and ignored — the call goes on.
// Actions are applied in arrival order even when an MP3 chunk decodes asynchronously.
import { resample } from '../../shared/audio/resample';
import { readActionFrame } from '../../shared/psr-stream';
import { StreamingMp3Decoder } from '../audio/mp3';
import { bytesToInt16, floatToInt16 } from '../audio/pcm';
import { wavToPsrPcm } from '../audio/psr-pcm';

export type BotEvent =
  | { kind: 'audio'; action: 'media' | 'chunk'; pcm: Int16Array; interrupt: boolean }
  | { kind: 'transfer'; extension: string }
  | { kind: 'hangup' }
  | { kind: 'garbage'; code: string; text: string };

export class BotMessageReader {
  private chain: Promise<void> = Promise.resolve();
  private mp3: StreamingMp3Decoder | null = null;
  private pcmCarry: number | null = null;
  private closed = false;

  constructor(private readonly emit: (e: BotEvent) => void) {}

  /** Returns the action name when the message is an audio action (for timing at arrival), else null. */
  receive(data: Uint8Array, isBinary: boolean): string | null {
    // Read by the stream protocol's reader: the same frames mean the same here as in the simulator and the endpoint.
    const f = readActionFrame(data, isBinary);
    switch (f.type) {
      case 'bad':
        return this.push({ kind: 'garbage', code: f.code, text: `${f.event}: ${f.detail}` }), null;
      case 'media': {
        let pcm: Int16Array;
        try {
          pcm = wavToPsrPcm(f.audio);
        } catch (e) {
          return this.push(undecodable(`a WAV file in media.payload (${e instanceof Error ? e.message : String(e)})`)), null;
        }
        this.push({ kind: 'audio', action: 'media', pcm, interrupt: !f.isSync });
        return 'media';
      }
      case 'chunk': {
        if (f.format === 'pcm16') {
          this.push({ kind: 'audio', action: 'chunk', pcm: this.pcm16(f.audio), interrupt: false });
          return 'chunk';
        }
        this.mp3 ??= new StreamingMp3Decoder();
        const dec = this.mp3;
        const bytes = f.audio;
        this.chain = this.chain.then(async () => {
          try {
            const { sampleRate, samples } = await dec.decode(bytes);
            if (this.closed) return;
            this.emit({ kind: 'audio', action: 'chunk', pcm: floatToInt16(sampleRate === 8000 ? samples : resample(samples, sampleRate, 8000)), interrupt: false });
          } catch (e) {
            if (!this.closed) this.emit(undecodable(`MP3 audio in media.payload (${e instanceof Error ? e.message : String(e)})`));
          }
        });
        return 'chunk';
      }
      case 'transfer':
        this.push({ kind: 'transfer', extension: f.extension });
        return null;
      case 'hangup':
        this.push({ kind: 'hangup' });
        return null;
    }
  }

  close(): void {
    this.closed = true;
    this.mp3?.free();
    this.mp3 = null;
  }

  /** Synchronous events wait behind a pending MP3 decode so the order is kept. */
  private push(e: BotEvent): void {
    if (!this.mp3) return this.emit(e);
    this.chain = this.chain.then(() => {
      if (!this.closed) this.emit(e);
    });
  }

  private pcm16(bytes: Uint8Array): Int16Array {
    let src = bytes;
    if (this.pcmCarry !== null) {
      const joined = new Uint8Array(bytes.length + 1);
      joined[0] = this.pcmCarry;
      joined.set(bytes, 1);
      src = joined;
      this.pcmCarry = null;
    }
    if (src.length & 1) this.pcmCarry = src[src.length - 1]!;
    return bytesToInt16(src.length & 1 ? src.subarray(0, src.length - 1) : src);
  }
}

function undecodable(expected: string): BotEvent {
  return { kind: 'garbage', code: 'BOT_AUDIO_UNDECODABLE', text: `expected ${expected}` };
}
