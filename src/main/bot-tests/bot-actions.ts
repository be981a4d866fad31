// The bot's frames as a bot test reads them (SPEC §3–§5): actions applied to PSR's leg-A playback
// model, malformed frames reported as protocol findings, format deviations as conformance findings.
// Applied in arrival order even when an mp3 chunk decodes asynchronously.
import { isAppError } from '../../shared/errors';
import { readActionFrame, type ActionFrame } from '../../shared/psr-stream';
import { ChunkAudio } from '../audio/chunk-audio';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';
import { readWavLayout } from '../audio/wav';
import type { BotEvent } from './caller';
import type { LegA } from './leg-a';

export interface BotActionSink {
  playback: LegA;
  /** Call time in ms (since `connected`) on the call's real clock: an action's arrival time. */
  now(): number;
  event(e: BotEvent, ms: number): void;
  /** `bytes`: the size of the bot's message (here and below). */
  transfer(extension: string, bytes: number): void;
  hangup(bytes: number): void;
}

export class BotActionReader {
  private chain: Promise<void> = Promise.resolve();
  private readonly chunks = new ChunkAudio();
  private disposed = false;
  /** Counts per event, for the report. */
  readonly counts: Record<string, number> = { media: 0, chunk: 0, transfer: 0, hangup: 0 };

  constructor(private readonly sink: BotActionSink) {}

  receive(data: Buffer, isBinary: boolean): void {
    const at = this.sink.now();
    const f = readActionFrame(data, isBinary);
    if (f.type === 'bad') {
      if (f.code === 'FRAME_BINARY') return this.sink.event({ kind: 'conformance', rule: 'binary_frames', detail: `a binary frame of ${f.size} bytes (PSR expects JSON text; ignored)` }, at);
      return this.protocol(f.code, `${f.event}: ${f.detail}`, at);
    }
    // Audio that does not decode (not a WAV, broken mp3) is as malformed as bad JSON.
    this.chain = this.chain
      .then(() => this.apply(f, at, data.length))
      .catch((e: unknown) => this.protocol(isAppError(e) ? e.code : 'MP3_DECODE_FAILED', `${f.type}: ${e instanceof Error ? e.message : String(e)}`, at));
  }

  idle(): Promise<void> {
    return this.chain;
  }

  dispose(): void {
    this.disposed = true;
    this.chunks.free();
  }

  private protocol(code: string, detail: string, at: number): void {
    this.sink.event({ kind: 'protocol', code, detail }, at);
  }

  private async apply(f: Exclude<ActionFrame, { type: 'bad' }>, at: number, bytes: number): Promise<void> {
    if (this.disposed) return;
    switch (f.type) {
      case 'media': {
        // The header says what the bot sent; the conversion runs in slices (a long file never stalls the call).
        const wav = readWavLayout(f.audio);
        if (wav.sampleRate !== 8000) this.sink.event({ kind: 'conformance', rule: 'media_sample_rate', detail: `a media WAV at ${wav.sampleRate} Hz (PSR expects 8000 Hz; played resampled)` }, at);
        if (wav.channels !== 1) this.sink.event({ kind: 'conformance', rule: 'media_channels', detail: `a media WAV with ${wav.channels} channels (PSR expects mono)` }, at);
        if (wav.bitDepth !== 16) this.sink.event({ kind: 'conformance', rule: 'media_bit_depth', detail: `a media WAV of ${wav.bitDepth}-bit samples (PSR expects 16-bit)` }, at);
        const pcm = await wavToPsrPcmAsync(f.audio);
        if (this.disposed) return;
        this.counts.media!++;
        this.sink.playback.enqueue(pcm, 'media', { interrupt: !f.isSync, at, bytes });
        return;
      }
      case 'chunk': {
        const pcm = f.format === 'pcm16' ? this.chunks.pcm16(f.audio) : await this.chunks.mp3(f.audio);
        if (this.disposed) return;
        this.counts.chunk!++;
        this.sink.playback.enqueue(pcm, 'chunk', { at, bytes });
        return;
      }
      case 'transfer': {
        if (f.misspelled) this.sink.event({ kind: 'conformance', rule: 'misspelled_event', detail: "event 'tranfer' (the docs' misspelling) instead of 'transfer'" }, at);
        this.counts.transfer!++;
        this.sink.transfer(f.extension, bytes);
        this.sink.event({ kind: 'transfer', extension: f.extension }, at);
        return;
      }
      case 'hangup':
        this.counts.hangup!++;
        this.sink.event({ kind: 'hangup' }, at);
        this.sink.hangup(bytes);
        return;
    }
  }

}
