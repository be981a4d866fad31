// One call's `media` message, laid out once in a reused buffer. Each frame rewrites only the
// timestamp digits and the base64 payload in place: either copied from a pre-encoded clip (leg A
// silent, the caller's audio known ahead) or encoded here from PCM (the bot's audio on leg A).
import type { PreEncodedClip } from './pre-encoded';

const B64 = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'latin1');
/** Room for the timestamp: right-aligned, padded with spaces (JSON allows whitespace before a value). */
const TS_WIDTH = 16;
const HEAD = '{"timestamp":' + ' '.repeat(TS_WIDTH) + ',"event":"media","media":{"payload":"';

export class FrameBuffer {
  readonly buf: Buffer;
  private readonly tsEnd = '{"timestamp":'.length + TS_WIDTH;
  private readonly payloadAt = HEAD.length;

  constructor(
    callId: string,
    channel: string,
    private readonly payloadBytes: number,
  ) {
    const stride = Math.ceil(payloadBytes / 3) * 4;
    const tail = `"},"data":${JSON.stringify({ call_id: callId, channel })}}`;
    this.buf = Buffer.alloc(HEAD.length + stride + Buffer.byteLength(tail));
    this.buf.write(HEAD, 0, 'latin1');
    this.buf.write(tail, HEAD.length + stride, 'utf8');
  }

  /** Frame `frame` of a pre-encoded clip; returns the reused buffer (valid until the next write). */
  fromClip(timestamp: number, clip: PreEncodedClip, frame: number): Buffer {
    this.stamp(timestamp);
    const d = clip.data;
    // Buffer#copy takes offsets: no view object per frame (a worker wraps its clips as Buffers).
    if (Buffer.isBuffer(d)) d.copy(this.buf, this.payloadAt, frame * clip.stride, (frame + 1) * clip.stride);
    else this.buf.set(d.subarray(frame * clip.stride, (frame + 1) * clip.stride), this.payloadAt);
    return this.buf;
  }

  /** A frame encoded from raw payload bytes (e.g. stereo PCM with the bot's audio on leg A). */
  fromPcm(timestamp: number, pcm: Uint8Array): Buffer {
    this.stamp(timestamp);
    const buf = this.buf;
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

  private stamp(timestamp: number): void {
    const buf = this.buf;
    let t = Math.max(0, Math.round(timestamp));
    let p = this.tsEnd - 1;
    const start = this.tsEnd - TS_WIDTH;
    do {
      buf[p--] = 48 + (t % 10);
      t = Math.floor(t / 10);
    } while (t > 0 && p >= start);
    while (p >= start) buf[p--] = 32;
  }
}
