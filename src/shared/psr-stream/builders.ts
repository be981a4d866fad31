// Builders for every frame of the stream: PSR's frames (what a PSR stand-in sends) and the bot's
// actions (what a bot or the endpoint's action sender sends). The reader reads back exactly what
// these build. Pure: no Node, no DOM.
import { base64EncodedLength, encodeBase64, encodeBase64Into } from './base64';
import type {
  ChannelLayout,
  ChunkActionMessage,
  ChunkFormat,
  HangupActionMessage,
  MediaActionMessage,
  PsrClosedMessage,
  PsrConnectedMessage,
  PsrMediaMessage,
  TransferActionMessage,
  ActionMessage,
  PsrMessage,
} from './messages';

export interface PsrFrameFields {
  callId: string;
  channel: ChannelLayout;
  /** Epoch ms. */
  timestamp: number;
}

// ---- PSR → bot ----------------------------------------------------------------------------------

export function connectedMessage(f: PsrFrameFields): PsrConnectedMessage {
  return { timestamp: Math.round(f.timestamp), event: 'connected', data: { call_id: f.callId, channel: f.channel } };
}

export function closedMessage(f: PsrFrameFields): PsrClosedMessage {
  return { timestamp: Math.round(f.timestamp), event: 'closed', data: { call_id: f.callId, channel: f.channel } };
}

/** `pcm`: 16-bit little-endian samples laid out as `channel` says. */
export function mediaMessage(f: PsrFrameFields, pcm: Uint8Array): PsrMediaMessage {
  return { timestamp: Math.round(f.timestamp), event: 'media', media: { payload: encodeBase64(pcm) }, data: { call_id: f.callId, channel: f.channel } };
}

/** The text of a frame (PSR's or an action): the JSON text frame to send. */
export function frameText(message: PsrMessage | ActionMessage): string {
  return JSON.stringify(message);
}

/** Room for the timestamp: right-aligned, padded with spaces (JSON allows whitespace before a value). */
const TS_WIDTH = 16;
const ascii = new TextEncoder();

/**
 * PSR's `media` frames of one call in one reused buffer: the JSON text is laid out once per call
 * and each frame only rewrites the timestamp digits and the base64 payload in place. Hundreds of
 * calls × 50 frames/s would otherwise create short-lived strings/buffers per frame for the GC.
 * The text is the same JSON as frameText(mediaMessage(…)) (with spaces before the timestamp).
 */
export class MediaFrameWriter {
  readonly buf: Uint8Array;
  private readonly tsEnd: number;
  private readonly payloadAt: number;

  constructor(
    callId: string,
    channel: ChannelLayout,
    private readonly payloadBytes: number,
  ) {
    const head = ascii.encode('{"timestamp":' + ' '.repeat(TS_WIDTH) + ',"event":"media","media":{"payload":"');
    const tail = ascii.encode(`"},"data":${JSON.stringify({ call_id: callId, channel })}}`);
    const b64 = base64EncodedLength(payloadBytes);
    this.buf = new Uint8Array(head.length + b64 + tail.length);
    this.buf.set(head, 0);
    this.tsEnd = '{"timestamp":'.length + TS_WIDTH;
    this.payloadAt = head.length;
    this.buf.set(tail, this.payloadAt + b64);
  }

  /** Fill in the frame; returns the (reused) buffer, valid until the next call. `pcm` has payloadBytes bytes. */
  write(timestamp: number, pcm: Uint8Array): Uint8Array {
    const buf = this.buf;
    let t = Math.max(0, Math.round(timestamp));
    let p = this.tsEnd - 1;
    const start = this.tsEnd - TS_WIDTH;
    do {
      buf[p--] = 48 + (t % 10);
      t = Math.floor(t / 10);
    } while (t > 0 && p >= start);
    while (p >= start) buf[p--] = 32;
    encodeBase64Into(this.payloadBytes === pcm.length ? pcm : pcm.subarray(0, this.payloadBytes), buf, this.payloadAt);
    return buf;
  }
}

// ---- bot → PSR (actions) -----------------------------------------------------------------------

/** Play a whole WAV file; `isSync` true: after what is queued; false: cut what plays now. */
export function mediaAction(wav: Uint8Array, isSync: boolean): MediaActionMessage {
  return { event: 'media', media: { payload: encodeBase64(wav), is_sync: isSync } };
}

/** Stream a chunk of audio in real time (`mp3` bytes, or `pcm16` 8 kHz little-endian samples). */
export function chunkAction(audio: Uint8Array, format: ChunkFormat): ChunkActionMessage {
  return { event: 'chunk', media: { payload: encodeBase64(audio), format } };
}

/** Transfer the call (always spelled `transfer`; the reader also takes the docs' `tranfer`). */
export function transferAction(extension: string): TransferActionMessage {
  return { event: 'transfer', data: { extension } };
}

export function hangupAction(): HangupActionMessage {
  return { event: 'hangup' };
}
