// How PSR lays out the samples of a `media` payload (SPEC §2, §5): signed 16-bit little-endian at
// 8 kHz; `stereo` interleaves leg A (left) and leg B (right); `mono_a`/`mono_b` carry one leg.
// A payload may end in the middle of a sample frame, so the decoder carries the remainder over.
// Pure: no Node, no DOM. Hot path: one copy per payload into a reused buffer, no per-sample work.
import type { ChannelLayout, Leg } from '../contract/live';

export const PSR_SAMPLE_RATE = 8000;
export const BYTES_PER_SAMPLE = 2;

// Int16Array reads in platform byte order; PSR's PCM is little-endian. Every platform Node and
// Chromium run on is little-endian, but say so loudly rather than record garbage.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
if (!littleEndian) throw new Error('pcm-layout: a little-endian platform is required');

export function channelsOf(layout: ChannelLayout): 1 | 2 {
  return layout === 'stereo' ? 2 : 1;
}

export function legsOf(layout: ChannelLayout): Leg[] {
  if (layout === 'stereo') return ['A', 'B'];
  return layout === 'mono_a' ? ['A'] : ['B'];
}

export function isChannelLayout(v: unknown): v is ChannelLayout {
  return v === 'stereo' || v === 'mono_a' || v === 'mono_b';
}

/** Result of one push: whole sample frames, valid until the next push. */
export interface DecodedPcm {
  /** Interleaved samples (channels per frame as the layout says). A view into a reused buffer. */
  samples: Int16Array;
  /** The same samples as little-endian bytes (what a WAV file stores). */
  bytes: Uint8Array;
  /** Sample frames (one sample per channel) in this push. */
  frames: number;
  /** True when this push completed a frame split by the previous payload, or left a remainder. */
  split: boolean;
}

/**
 * Turns payload byte chunks of any size into whole sample frames.
 * The reused buffer grows to the largest payload seen; nothing is allocated per sample.
 */
export class PcmFrameDecoder {
  private frameBytes: number;
  private carry = new Uint8Array(4);
  private carryLen = 0;
  private buf: ArrayBuffer = new ArrayBuffer(4096);
  private bytesView = new Uint8Array(this.buf);
  private readonly empty: DecodedPcm = { samples: new Int16Array(0), bytes: new Uint8Array(0), frames: 0, split: false };
  /** The last result, reused while payloads keep the same size (the normal case: one 20 ms frame each). */
  private last: DecodedPcm = this.empty;

  constructor(public layout: ChannelLayout) {
    this.frameBytes = channelsOf(layout) * BYTES_PER_SAMPLE;
  }

  /** Bytes held over from the last payload (part of one sample frame). */
  get pendingBytes(): number {
    return this.carryLen;
  }

  /** Switch layout (mid-call change): a held-over partial frame of the old layout is dropped and its length returned. */
  setLayout(layout: ChannelLayout): number {
    const dropped = this.carryLen;
    this.layout = layout;
    this.frameBytes = channelsOf(layout) * BYTES_PER_SAMPLE;
    this.carryLen = 0;
    return dropped;
  }

  push(payload: Uint8Array): DecodedPcm {
    const total = this.carryLen + payload.length;
    const wholeBytes = total - (total % this.frameBytes);
    const hadCarry = this.carryLen > 0;
    if (wholeBytes === 0) {
      this.carry.set(payload, this.carryLen);
      this.carryLen = total;
      return payload.length > 0 ? { ...this.empty, split: true } : this.empty;
    }
    if (this.buf.byteLength < wholeBytes) {
      this.buf = new ArrayBuffer(Math.max(wholeBytes, this.buf.byteLength * 2));
      this.bytesView = new Uint8Array(this.buf);
    }
    const bytes = this.bytesView;
    if (this.carryLen > 0) bytes.set(this.carry.subarray(0, this.carryLen), 0);
    const fromPayload = wholeBytes - this.carryLen;
    bytes.set(fromPayload === payload.length ? payload : payload.subarray(0, fromPayload), this.carryLen);
    const rest = payload.length - fromPayload;
    if (rest > 0) this.carry.set(payload.subarray(fromPayload), 0);
    this.carryLen = rest;
    const split = hadCarry || rest > 0;
    const last = this.last;
    if (last.bytes.byteLength === wholeBytes && last.bytes.buffer === this.buf) {
      // Same views as last time: no allocation per payload.
      last.frames = wholeBytes / this.frameBytes;
      last.split = split;
      return last;
    }
    this.last = {
      samples: new Int16Array(this.buf, 0, wholeBytes / BYTES_PER_SAMPLE),
      bytes: new Uint8Array(this.buf, 0, wholeBytes),
      frames: wholeBytes / this.frameBytes,
      split,
    };
    return this.last;
  }
}

/**
 * Strict base64 → bytes length check. Node's decoder silently skips characters outside the
 * alphabet, so a payload is accepted only when the decoded length is what its text length implies.
 */
export function expectedBase64Length(text: string): number {
  const len = text.length;
  if (len === 0) return 0;
  const rem = len % 4;
  if (rem === 1) return -1;
  let pad = 0;
  if (rem === 0) {
    if (text.charCodeAt(len - 1) === 61 /* = */) pad++;
    if (text.charCodeAt(len - 2) === 61) pad++;
    return (len / 4) * 3 - pad;
  }
  return Math.floor(len / 4) * 3 + (rem === 2 ? 1 : 2);
}
