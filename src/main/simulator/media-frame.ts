// Builds a call's `media` messages in one reused buffer: the JSON text is laid out once per call and
// each frame only rewrites the timestamp digits and the base64 payload in place. Hundreds of calls
// × 50 frames/s would otherwise create three short-lived strings/buffers per frame for the GC.

const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
/** Room for the timestamp: right-aligned, padded with spaces (JSON allows whitespace before a value). */
const TS_WIDTH = 16;

export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

export class MediaFrameWriter {
  readonly buf: Buffer;
  private readonly tsEnd: number;
  private readonly payloadAt: number;

  constructor(
    callId: string,
    channel: string,
    private readonly payloadBytes: number,
  ) {
    const head = '{"timestamp":' + ' '.repeat(TS_WIDTH) + ',"event":"media","media":{"payload":"';
    const tail = `"},"data":${JSON.stringify({ call_id: callId, channel })}}`;
    const b64 = base64Length(payloadBytes);
    this.buf = Buffer.alloc(Buffer.byteLength(head) + b64 + Buffer.byteLength(tail));
    this.buf.write(head, 0, 'utf8');
    this.tsEnd = '{"timestamp":'.length + TS_WIDTH;
    this.payloadAt = Buffer.byteLength(head);
    this.buf.write(tail, this.payloadAt + b64, 'utf8');
  }

  /** Fill in the frame; returns the (reused) buffer, valid until the next call. */
  write(timestamp: number, pcm: Uint8Array): Buffer {
    const buf = this.buf;
    // Timestamp digits, right to left, then spaces.
    let t = Math.max(0, Math.round(timestamp));
    let p = this.tsEnd - 1;
    const start = this.tsEnd - TS_WIDTH;
    do {
      buf[p--] = 48 + (t % 10);
      t = Math.floor(t / 10);
    } while (t > 0 && p >= start);
    while (p >= start) buf[p--] = 32;
    // Base64 of the payload.
    let o = this.payloadAt;
    const n = this.payloadBytes;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (pcm[i]! << 16) | (pcm[i + 1]! << 8) | pcm[i + 2]!;
      buf[o++] = B64[v >> 18]!;
      buf[o++] = B64[(v >> 12) & 63]!;
      buf[o++] = B64[(v >> 6) & 63]!;
      buf[o++] = B64[v & 63]!;
    }
    if (i < n) {
      const v = (pcm[i]! << 16) | (i + 1 < n ? pcm[i + 1]! << 8 : 0);
      buf[o++] = B64[v >> 18]!;
      buf[o++] = B64[(v >> 12) & 63]!;
      buf[o++] = i + 1 < n ? B64[(v >> 6) & 63]! : 61;
      buf[o++] = 61;
    }
    return buf;
  }
}
