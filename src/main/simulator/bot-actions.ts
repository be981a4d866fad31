// What the bot sends back over the stream (SPEC §3, §4): media, chunk, transfer, hangup.
// Garbage (binary frames, non-JSON text, unknown events, bad payloads) is logged with a code and
// ignored — the call goes on. Actions are applied in arrival order, even when decoding is async.
import { AppError, isAppError } from '../../shared/errors';
import { resample } from '../../shared/audio/resample';
import type { Logger } from '../logger';
import { StreamingMp3Decoder } from '../audio/mp3';
import { bytesToInt16, floatToInt16 } from '../audio/pcm';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';
import type { SimCall } from './sim-call';

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) throw new AppError('BOT_BAD_PAYLOAD', `field '${field}': expected base64 text`, field);
  const text = value.replace(/\s+/g, '');
  if (!BASE64_RE.test(text)) throw new AppError('BOT_BAD_PAYLOAD', `field '${field}': expected base64 text (A–Z a–z 0–9 + / =)`, field);
  return Buffer.from(text, 'base64');
}

function isTrue(v: unknown): boolean {
  return v === true || v === 'true' || v === 1;
}

export class BotActionHandler {
  private chain: Promise<void> = Promise.resolve();
  private mp3: StreamingMp3Decoder | null = null;
  /** An odd byte of a pcm16 chunk, carried to the next one (a sample may be split). */
  private pcmCarry: number | null = null;
  private disposed = false;

  constructor(
    private readonly call: SimCall,
    private readonly logger: Logger,
  ) {}

  receive(data: Buffer, isBinary: boolean): void {
    if (isBinary) return this.garbage('BOT_BINARY_FRAME', `binary frame of ${data.length} bytes ignored`);
    const text = data.toString('utf8');
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return this.garbage('BOT_NOT_JSON', `text that is not JSON ignored: ${JSON.stringify(text.slice(0, 40))}`);
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return this.garbage('BOT_NOT_JSON', 'JSON that is not an object ignored');
    const m = msg as { event?: unknown; media?: Record<string, unknown>; data?: Record<string, unknown> };
    this.chain = this.chain.then(() => this.apply(m)).catch((e) => {
      if (isAppError(e)) this.garbage(e.code, `${String(m.event)}: ${e.message}`);
      else {
        this.logger.error('sim.action_failed', { callId: this.call.id, error: e instanceof Error ? e.message : String(e) });
        this.garbage('BOT_BAD_PAYLOAD', `${String(m.event)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  /** Resolves when every action received so far has been applied (tests, orderly shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  dispose(): void {
    this.disposed = true;
    this.mp3?.free();
    this.mp3 = null;
  }

  private garbage(code: string, text: string): void {
    this.logger.debug('sim.bot_garbage', { callId: this.call.id, code });
    this.call.note(text, code);
  }

  private async apply(m: { event?: unknown; media?: Record<string, unknown>; data?: Record<string, unknown> }): Promise<void> {
    if (this.disposed || this.call.endedAt !== null) return;
    const media = typeof m.media === 'object' && m.media !== null ? m.media : {};
    switch (m.event) {
      case 'media': {
        const bytes = decodeBase64(media.payload, 'media.payload');
        let pcm: Int16Array;
        try {
          pcm = await wavToPsrPcmAsync(bytes);
        } catch (e) {
          if (isAppError(e)) throw new AppError('BOT_BAD_PAYLOAD', `field 'media.payload': ${e.message} [${e.code}]`, 'media.payload');
          throw e;
        }
        if (this.disposed) return;
        const sync = isTrue(media.is_sync);
        this.call.actions.media!++;
        this.call.playback.enqueue(pcm, 'media', { interrupt: !sync });
        this.call.note(`media ${(pcm.length / 8000).toFixed(2)} s, is_sync=${sync}${sync ? ' (queued)' : ' (plays now)'}`);
        return;
      }
      case 'chunk': {
        const format = media.format === undefined ? 'mp3' : media.format;
        if (format !== 'mp3' && format !== 'pcm16') throw new AppError('BOT_BAD_PAYLOAD', `field 'media.format': expected 'mp3' or 'pcm16', got ${JSON.stringify(format)}`, 'media.format');
        const bytes = decodeBase64(media.payload, 'media.payload');
        const pcm = format === 'pcm16' ? this.pcm16(bytes) : await this.decodeMp3(bytes);
        if (this.disposed) return;
        this.call.actions.chunk!++;
        this.call.playback.enqueue(pcm, 'chunk');
        return;
      }
      case 'transfer':
      case 'tranfer': {
        const ext = m.data?.extension;
        if ((typeof ext !== 'string' || ext.trim() === '') && typeof ext !== 'number') {
          throw new AppError('BOT_BAD_PAYLOAD', "field 'data.extension': expected the extension to transfer to", 'data.extension');
        }
        if (m.event === 'tranfer') this.call.note("event 'tranfer' (the docs' misspelling) treated as 'transfer'", 'BOT_MISSPELLED_EVENT');
        this.call.actions.transfer!++;
        this.call.transfer(String(ext));
        return;
      }
      case 'hangup':
        this.call.actions.hangup!++;
        await this.call.end('hangup', 'completed', 'the bot hung up');
        return;
      default:
        throw new AppError('BOT_UNKNOWN_EVENT', `unknown event ${JSON.stringify(m.event ?? null)} ignored`, 'event');
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
