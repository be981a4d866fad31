// The one base64 rule of the stream, for every payload in both directions: the standard alphabet
// (A–Z a–z 0–9 + /), no whitespace, '=' padding optional — but if present it completes the last
// group of four. Anything else is FRAME_BAD_BASE64. (Node's own decoder silently skips characters
// outside the alphabet; this one never guesses.) Pure: no Node, no DOM; plain loops, no allocation
// per call when the caller supplies the scratch buffer.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Char code → 6-bit value, or 255 for anything outside the alphabet. */
const DECODE = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const ENCODE = new Uint8Array(64);
for (let i = 0; i < 64; i++) ENCODE[i] = ALPHABET.charCodeAt(i);
const EQ = 61;

/** Bytes a valid base64 text decodes to, or -1 if its length or padding cannot be valid. */
export function base64DecodedLength(text: string): number {
  let len = text.length;
  if (len === 0) return 0;
  let pad = 0;
  if (text.charCodeAt(len - 1) === EQ) {
    pad = text.charCodeAt(len - 2) === EQ ? 2 : 1;
    if (len % 4 !== 0) return -1;
  }
  len -= pad;
  const rem = len % 4;
  if (rem === 1) return -1;
  return Math.floor(len / 4) * 3 + (rem === 0 ? 0 : rem - 1);
}

/**
 * Where decoded payloads go, reused frame after frame by one reader (one call): grows by doubling,
 * and hands out the same view while payloads keep the same size (the normal case), so a steady
 * stream of frames allocates nothing. A subclass may decode faster natively, by the same rule
 * (see src/main/psr-stream/node-scratch.ts).
 */
export class PayloadScratch {
  bytes: Uint8Array;
  private view: Uint8Array;

  constructor(initialBytes = 4096) {
    this.bytes = this.alloc(initialBytes);
    this.view = this.bytes.subarray(0, 0);
  }

  /** A new backing array of n bytes (a subclass may return its own kind, e.g. a Node Buffer). */
  protected alloc(n: number): Uint8Array {
    return new Uint8Array(n);
  }

  /** At least n bytes of room (grows by doubling; contents are not kept). */
  reserve(n: number): Uint8Array {
    if (this.bytes.length < n) this.bytes = this.alloc(Math.max(n, this.bytes.length * 2));
    return this.bytes;
  }

  /** The first n bytes of the backing array, as a view reused while n and the array stay the same. */
  protected first(n: number): Uint8Array {
    if (this.view.length !== n || this.view.buffer !== this.bytes.buffer || this.view.byteOffset !== this.bytes.byteOffset) this.view = this.bytes.subarray(0, n);
    return this.view;
  }

  /**
   * Decode by the one base64 rule: a view of the scratch (valid until the next decode), or null.
   * `ascii`: the caller knows the text has no character outside ASCII, so a decoder may skip that
   * check (this portable one checks every character anyway).
   */
  decode(text: string, _ascii = false): Uint8Array | null {
    const n = base64DecodedLength(text);
    if (n < 0) return null;
    return decodeBase64Into(text, this.reserve(n)) === n ? this.first(n) : null;
  }
}

/**
 * Decode base64 into `out` (which must have base64DecodedLength(text) bytes of room).
 * Returns the byte count, or -1 when the text breaks the rule.
 */
export function decodeBase64Into(text: string, out: Uint8Array): number {
  const n = base64DecodedLength(text);
  if (n < 0) return -1;
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === EQ) len--;
  const whole = len - (len % 4);
  // Branch-free per group: OR every char code (must stay < 256) and every 6-bit value (255 marks
  // a character outside the alphabet, which sets the high bits); check both once at the end.
  let codes = 0;
  let values = 0;
  let o = 0;
  let i = 0;
  for (; i < whole; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    codes |= c0 | c1 | c2 | c3;
    const a = DECODE[c0 & 255]!;
    const b = DECODE[c1 & 255]!;
    const c = DECODE[c2 & 255]!;
    const d = DECODE[c3 & 255]!;
    values |= a | b | c | d;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  const rem = len - whole;
  if (rem > 0) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = rem === 3 ? text.charCodeAt(i + 2) : 65; // 'A' = 0
    codes |= c0 | c1 | c2;
    const a = DECODE[c0 & 255]!;
    const b = DECODE[c1 & 255]!;
    const c = DECODE[c2 & 255]!;
    values |= a | b | c;
    const v = (a << 18) | (b << 12) | (c << 6);
    out[o++] = v >> 16;
    if (rem === 3) out[o++] = (v >> 8) & 255;
  }
  if (codes > 255 || values > 63) return -1;
  return o;
}

/** Decode base64 into a new array, or null when the text breaks the rule. */
export function decodeBase64(text: string): Uint8Array | null {
  const n = base64DecodedLength(text);
  if (n < 0) return null;
  const out = new Uint8Array(n);
  return decodeBase64Into(text, out) === n ? out : null;
}

/** Base64 text of `bytes` into `out` as ASCII codes at `at`; returns the end offset. */
export function encodeBase64Into(bytes: Uint8Array, out: Uint8Array, at: number): number {
  const n = bytes.length;
  let o = at;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = ENCODE[(v >> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | (i + 1 < n ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = i + 1 < n ? ENCODE[(v >> 6) & 63]! : EQ;
    out[o++] = EQ;
  }
  return o;
}

export function base64EncodedLength(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

const latin1 = new TextDecoder('latin1');

/** Base64 text of `bytes` (padded). */
export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(base64EncodedLength(bytes.length));
  encodeBase64Into(bytes, out, 0);
  return latin1.decode(out);
}
