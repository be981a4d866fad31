// The bot's frames as a bot test reads them (SPEC §3–§5): actions applied to PSR's leg-A playback
// model, malformed frames reported as protocol findings, format deviations as conformance findings.
// Applied in arrival order even when an mp3 chunk decodes asynchronously.
import { resample } from '../../shared/audio/resample';
import { isAppError } from '../../shared/errors';
import { StreamingMp3Decoder } from '../audio/mp3';
import { bytesToInt16, floatToInt16, mixToMono } from '../audio/pcm';
import { decodeWav } from '../audio/wav';
import type { PlaybackQueue } from '../simulator/playback-queue';
import type { BotEvent } from './caller';

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export interface BotActionSink {
  playback: PlaybackQueue;
  /** Call time in ms (since `connected`). */
  now(): number;
  event(e: BotEvent, ms: number): void;
  transfer(extension: string): void;
  hangup(): void;
}

type Msg = { event?: unknown; media?: Record<string, unknown>; data?: Record<string, unknown> };

class Finding extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function base64(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) throw new Finding('BOT_BAD_PAYLOAD', `field '${field}': expected base64 text`);
  const text = value.replace(/\s+/g, '');
  if (!BASE64_RE.test(text)) throw new Finding('BOT_BAD_PAYLOAD', `field '${field}': expected base64 text (A–Z a–z 0–9 + / =)`);
  return Buffer.from(text, 'base64');
}

export class BotActionReader {
  private chain: Promise<void> = Promise.resolve();
  private mp3: StreamingMp3Decoder | null = null;
  private pcmCarry: number | null = null;
  private disposed = false;
  /** Counts per event, for the report. */
  readonly counts: Record<string, number> = { media: 0, chunk: 0, transfer: 0, hangup: 0 };

  constructor(private readonly sink: BotActionSink) {}

  receive(data: Buffer, isBinary: boolean): void {
    const at = this.sink.now();
    if (isBinary) return this.sink.event({ kind: 'conformance', rule: 'binary_frames', detail: `a binary frame of ${data.length} bytes (PSR expects JSON text; ignored)` }, at);
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString('utf8'));
    } catch {
      return this.protocol('BOT_NOT_JSON', `text that is not JSON: ${JSON.stringify(data.toString('utf8').slice(0, 40))}`, at);
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return this.protocol('BOT_NOT_JSON', 'JSON that is not an object', at);
    const m = msg as Msg;
    this.chain = this.chain
      .then(() => this.apply(m, at))
      .catch((e: unknown) => {
        const code = e instanceof Finding ? e.code : isAppError(e) ? 'BOT_BAD_PAYLOAD' : 'BOT_BAD_PAYLOAD';
        this.protocol(code, `${String(m.event)}: ${e instanceof Error ? e.message : String(e)}`, at);
      });
  }

  idle(): Promise<void> {
    return this.chain;
  }

  dispose(): void {
    this.disposed = true;
    this.mp3?.free();
    this.mp3 = null;
  }

  private protocol(code: string, detail: string, at: number): void {
    this.sink.event({ kind: 'protocol', code, detail }, at);
  }

  private async apply(m: Msg, at: number): Promise<void> {
    if (this.disposed) return;
    const media = typeof m.media === 'object' && m.media !== null ? m.media : {};
    switch (m.event) {
      case 'media': {
        const wav = decodeWav(base64(media.payload, 'media.payload'));
        if (wav.sampleRate !== 8000) this.sink.event({ kind: 'conformance', rule: 'media_sample_rate', detail: `a media WAV at ${wav.sampleRate} Hz (PSR expects 8000 Hz; played resampled)` }, at);
        if (wav.channels !== 1) this.sink.event({ kind: 'conformance', rule: 'media_channels', detail: `a media WAV with ${wav.channels} channels (PSR expects mono)` }, at);
        if (wav.bitDepth !== 16) this.sink.event({ kind: 'conformance', rule: 'media_bit_depth', detail: `a media WAV of ${wav.bitDepth}-bit samples (PSR expects 16-bit)` }, at);
        const pcm = floatToInt16(resample(mixToMono(wav.samples), wav.sampleRate, 8000));
        const sync = media.is_sync === true || media.is_sync === 'true';
        this.counts.media!++;
        this.sink.playback.enqueue(pcm, 'media', { interrupt: !sync });
        return;
      }
      case 'chunk': {
        const format = media.format === undefined ? 'mp3' : media.format;
        if (format !== 'mp3' && format !== 'pcm16') throw new Finding('BOT_BAD_PAYLOAD', `field 'media.format': expected 'mp3' or 'pcm16', got ${JSON.stringify(format)}`);
        const bytes = base64(media.payload, 'media.payload');
        const pcm = format === 'pcm16' ? this.pcm16(bytes) : await this.decodeMp3(bytes);
        if (this.disposed) return;
        this.counts.chunk!++;
        this.sink.playback.enqueue(pcm, 'chunk');
        return;
      }
      case 'transfer':
      case 'tranfer': {
        const ext = m.data?.extension;
        if ((typeof ext !== 'string' || ext.trim() === '') && typeof ext !== 'number') throw new Finding('BOT_BAD_PAYLOAD', "field 'data.extension': expected the extension to transfer to");
        if (m.event === 'tranfer') this.sink.event({ kind: 'conformance', rule: 'misspelled_event', detail: "event 'tranfer' (the docs' misspelling) instead of 'transfer'" }, at);
        this.counts.transfer!++;
        this.sink.transfer(String(ext));
        this.sink.event({ kind: 'transfer', extension: String(ext) }, at);
        return;
      }
      case 'hangup':
        this.counts.hangup!++;
        this.sink.event({ kind: 'hangup' }, at);
        this.sink.hangup();
        return;
      default:
        throw new Finding('BOT_UNKNOWN_EVENT', `unknown event ${JSON.stringify(m.event ?? null)}`);
    }
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
    return bytesToInt16(src);
  }

  private async decodeMp3(bytes: Uint8Array): Promise<Int16Array> {
    this.mp3 ??= new StreamingMp3Decoder();
    const { sampleRate, samples } = await this.mp3.decode(bytes);
    return floatToInt16(sampleRate === 8000 ? samples : resample(samples, sampleRate, 8000));
  }
}
