// Reads what the bot sends during a campaign call (SPEC §3, §4): audio actions become leg-A PCM,
// transfer and hangup become events; anything else (binary frames, non-JSON text, unknown events,
// undecodable payloads) is counted under a stable code and ignored — the call goes on.
// Actions are applied in arrival order even when an MP3 chunk decodes asynchronously.
import { resample } from '../../shared/audio/resample';
import { StreamingMp3Decoder } from '../audio/mp3';
import { bytesToInt16, floatToInt16 } from '../audio/pcm';
import { wavToPsrPcm } from '../audio/wav';

export type BotEvent =
  | { kind: 'audio'; action: 'media' | 'chunk'; pcm: Int16Array; interrupt: boolean }
  | { kind: 'transfer'; extension: string }
  | { kind: 'hangup' }
  | { kind: 'garbage'; code: string; text: string };

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function base64(value: unknown): Buffer | null {
  if (typeof value !== 'string' || value.length === 0 || !BASE64_RE.test(value)) return null;
  return Buffer.from(value, 'base64');
}

export class BotMessageReader {
  private chain: Promise<void> = Promise.resolve();
  private mp3: StreamingMp3Decoder | null = null;
  private pcmCarry: number | null = null;
  private closed = false;

  constructor(private readonly emit: (e: BotEvent) => void) {}

  /** Returns the action name when the message is an audio action (for timing at arrival), else null. */
  receive(data: Buffer, isBinary: boolean): string | null {
    if (isBinary) return this.push({ kind: 'garbage', code: 'BOT_BINARY_FRAME', text: `binary frame of ${data.length} bytes` }), null;
    let m: { event?: unknown; media?: { payload?: unknown; is_sync?: unknown; format?: unknown }; data?: { extension?: unknown } };
    try {
      m = JSON.parse(data.toString('utf8'));
    } catch {
      return this.push({ kind: 'garbage', code: 'BOT_NOT_JSON', text: 'text that is not JSON' }), null;
    }
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return this.push({ kind: 'garbage', code: 'BOT_NOT_JSON', text: 'JSON that is not an object' }), null;
    const media = typeof m.media === 'object' && m.media !== null ? m.media : {};
    switch (m.event) {
      case 'media': {
        const bytes = base64(media.payload);
        if (!bytes) return this.push(bad('media.payload', 'base64 of a WAV file')), null;
        let pcm: Int16Array;
        try {
          pcm = wavToPsrPcm(bytes);
        } catch (e) {
          return this.push(bad('media.payload', `a WAV file (${e instanceof Error ? e.message : String(e)})`)), null;
        }
        const sync = media.is_sync === true || media.is_sync === 'true';
        this.push({ kind: 'audio', action: 'media', pcm, interrupt: !sync });
        return 'media';
      }
      case 'chunk': {
        const format = media.format ?? 'mp3';
        const bytes = base64(media.payload);
        if (!bytes) return this.push(bad('media.payload', 'base64 audio')), null;
        if (format === 'pcm16') {
          this.push({ kind: 'audio', action: 'chunk', pcm: this.pcm16(bytes), interrupt: false });
          return 'chunk';
        }
        if (format !== 'mp3') return this.push(bad('media.format', "'mp3' or 'pcm16'")), null;
        this.mp3 ??= new StreamingMp3Decoder();
        const dec = this.mp3;
        this.chain = this.chain.then(async () => {
          try {
            const { sampleRate, samples } = await dec.decode(bytes);
            if (this.closed) return;
            this.emit({ kind: 'audio', action: 'chunk', pcm: floatToInt16(sampleRate === 8000 ? samples : resample(samples, sampleRate, 8000)), interrupt: false });
          } catch (e) {
            if (!this.closed) this.emit(bad('media.payload', `MP3 audio (${e instanceof Error ? e.message : String(e)})`));
          }
        });
        return 'chunk';
      }
      case 'transfer':
      case 'tranfer': {
        const ext = m.data?.extension;
        if ((typeof ext !== 'string' || ext.trim() === '') && typeof ext !== 'number') return this.push(bad('data.extension', 'the extension to transfer to')), null;
        this.push({ kind: 'transfer', extension: String(ext) });
        return null;
      }
      case 'hangup':
        this.push({ kind: 'hangup' });
        return null;
      default:
        return this.push({ kind: 'garbage', code: 'BOT_UNKNOWN_EVENT', text: `unknown event ${JSON.stringify(m.event ?? null)}` }), null;
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

function bad(field: string, expected: string): BotEvent {
  return { kind: 'garbage', code: 'BOT_BAD_PAYLOAD', text: `field '${field}': expected ${expected}` };
}
