// Meters the audio the bot side sends to PSR ("Bot out"): `media` WAV files and `chunk` pcm16/mp3.
// A WAV is metered as a whole when it is sent, dated from the call time it was sent at, and its speech
// ends with the file (no sound follows it to turn the VAD off); chunks are metered as they go. Undecodable audio is reported once per kind and never blocks the relay.
// WAVs convert in slices and mp3 decodes asynchronously: everything is metered in the order it was sent.
import type { ChunkFormat } from '../../shared/psr-stream';
import { resample } from '../../shared/audio/resample';
import { StreamingMp3Decoder } from '../audio/mp3';
import { floatToInt16 } from '../audio/pcm';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';
import type { LegMeter } from './leg-meter';

export class BotOutMeter {
  private mp3: StreamingMp3Decoder | null = null;
  /** Audio still converting (WAV) or decoding (mp3), metered in order once ready. */
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private reported = new Set<string>();
  private disposed = false;

  constructor(
    private readonly meter: LegMeter,
    private readonly warn: (code: 'BOT_AUDIO_UNDECODABLE', params: { kind: string; error: string }) => void,
  ) {}

  /** A `media` action's WAV file. */
  media(wav: Uint8Array, callMs: number): void {
    if (this.disposed) return;
    // Converts at once (in slices), meters in turn; the rejection is handled here, before it can go unhandled.
    const converting = wavToPsrPcmAsync(wav).catch((e: unknown) => {
      this.report('media', e instanceof Error ? e.message : String(e));
      return null;
    });
    this.inTurn(async () => {
      const pcm = await converting;
      if (this.disposed || !pcm) return;
      this.meterPcm(pcm, callMs);
      // The file plays for its length: "Bot out" speaks while it plays, then stops.
      this.meter.endSpeech();
    });
  }

  /** Runs `step` after the audio sent before it; a failing step (an mp3 that does not decode) is reported, the chain goes on. */
  private inTurn(step: () => Promise<void>): void {
    this.pending++;
    this.chain = this.chain
      .then(step)
      .catch((e: unknown) => this.report('mp3', e instanceof Error ? e.message : String(e)))
      .finally(() => this.pending--);
  }

  /** A `chunk` action's audio. `audio` must stay unchanged (mp3 is decoded later, in order). */
  chunk(audio: Uint8Array, format: ChunkFormat, callMs: number): void {
    if (this.disposed) return;
    if (format === 'pcm16') {
      const n = audio.length >> 1;
      // Copy: the bytes may be unaligned for an Int16Array view.
      const pcm = new Int16Array(n);
      new Uint8Array(pcm.buffer).set(audio.subarray(0, n * 2));
      if (this.pending === 0) this.meterPcm(pcm, callMs);
      else this.inTurn(async () => (this.disposed ? undefined : this.meterPcm(pcm, callMs)));
      return;
    }
    const dec = (this.mp3 ??= new StreamingMp3Decoder());
    this.inTurn(async () => {
      const r = await dec.decode(audio);
      if (this.disposed || r.samples.length === 0) return;
      const pcm = floatToInt16(r.sampleRate === 8000 ? r.samples : resample(r.samples, r.sampleRate, 8000));
      this.meterPcm(pcm, callMs);
    });
  }

  private meterPcm(pcm: Int16Array, callMs: number): void {
    this.meter.alignTo(callMs);
    this.meter.push(pcm, 0, 1, pcm.length);
  }

  /** The first failure of each kind (`media` WAV, `mp3` chunk) is reported; the rest would repeat it. */
  private report(kind: 'media' | 'mp3', error: string): void {
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    this.warn('BOT_AUDIO_UNDECODABLE', { kind, error: error.slice(0, 200) });
  }

  dispose(): void {
    this.disposed = true;
    this.mp3?.free();
  }
}
