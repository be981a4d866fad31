// Reads what the bot sends during a campaign call (SPEC §3, §4): audio actions become leg-A PCM,
// transfer and hangup become events; anything else (binary frames, non-JSON text, unknown events,
// undecodable payloads) is counted under a stable code and ignored — the call goes on.
// Actions are applied in arrival order even when an MP3 chunk decodes asynchronously.
import { readActionFrame } from '../../shared/psr-stream';
import { ChunkAudio } from '../audio/chunk-audio';
import { checkWavSize, wavToPsrPcmAsync } from '../audio/psr-pcm';

export type BotEvent =
  | { kind: 'audio'; action: 'media' | 'chunk'; pcm: Int16Array; interrupt: boolean }
  | { kind: 'transfer'; extension: string }
  | { kind: 'hangup' }
  | { kind: 'garbage'; code: string; text: string };

export class BotMessageReader {
  private chain: Promise<void> = Promise.resolve();
  private readonly chunks = new ChunkAudio();
  /** Set once an mp3 chunk or a WAV arrives: from then on events queue behind its (asynchronous) decoding. */
  private mp3Started = false;
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
        // The header is checked now (a bad file is garbage at once); the samples convert in slices, in order.
        try {
          checkWavSize(f.audio);
        } catch (e) {
          return this.push(undecodable(`a WAV file in media.payload (${e instanceof Error ? e.message : String(e)})`)), null;
        }
        const wav = f.audio;
        const interrupt = !f.isSync;
        this.mp3Started = true;
        this.chain = this.chain.then(async () => {
          try {
            const pcm = await wavToPsrPcmAsync(wav);
            if (!this.closed) this.emit({ kind: 'audio', action: 'media', pcm, interrupt });
          } catch (e) {
            if (!this.closed) this.emit(undecodable(`a WAV file in media.payload (${e instanceof Error ? e.message : String(e)})`));
          }
        });
        return 'media';
      }
      case 'chunk': {
        if (f.format === 'pcm16') {
          this.push({ kind: 'audio', action: 'chunk', pcm: this.chunks.pcm16(f.audio), interrupt: false });
          return 'chunk';
        }
        const bytes = f.audio;
        this.mp3Started = true;
        this.chain = this.chain.then(async () => {
          try {
            const pcm = await this.chunks.mp3(bytes);
            if (this.closed) return;
            this.emit({ kind: 'audio', action: 'chunk', pcm, interrupt: false });
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
    this.chunks.free();
  }

  /** Synchronous events wait behind a pending MP3 decode so the order is kept. */
  private push(e: BotEvent): void {
    if (!this.mp3Started) return this.emit(e);
    this.chain = this.chain.then(() => {
      if (!this.closed) this.emit(e);
    });
  }

}

function undecodable(expected: string): BotEvent {
  return { kind: 'garbage', code: 'BOT_AUDIO_UNDECODABLE', text: `expected ${expected}` };
}
