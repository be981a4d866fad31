// The frame reader: one WebSocket frame (text or binary) in, one typed frame or a coded bad frame
// out. No socket, no I/O, no state between frames (the call's sequence rules — media before
// connected, channel changes — belong to whoever keeps the call). Hot path for PSR's `media`
// frames: one UTF-8 decode (which is also the frame's UTF-8 check: a socket need not validate it
// first), one JSON.parse, one base64 decode into the caller's scratch.
import { base64DecodedLength, decodeBase64, type PayloadScratch } from './base64';
import type { BadFrameCode } from './errors';
import type { MediaFrameMemo } from './media-memo';
import type { ActionFrame, BadFrame, ChannelLayout, ChunkFormat, PsrFrame } from './messages';

export interface ReaderOptions {
  /** Where decoded payloads go (reused frame after frame). Without one, each payload gets a new array. */
  scratch?: PayloadScratch;
  /** Text frames longer than this (bytes) are FRAME_TOO_LARGE without being parsed. Default: no limit. */
  maxTextBytes?: number;
  /** JSON nesting deeper than this is FRAME_TOO_DEEP. Default 64 (PSR's frames nest 3 deep). */
  maxDepth?: number;
  /** One call's memo of its last media frame's shape (see media-memo.ts): most frames skip JSON.parse. */
  memo?: MediaFrameMemo;
}

export const DEFAULT_MAX_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isChannelLayout(v: unknown): v is ChannelLayout {
  return v === 'stereo' || v === 'mono_a' || v === 'mono_b';
}

function bad(code: BadFrameCode, detail: string, event: string, message: Record<string, unknown> | null, size: number, params: Record<string, string | number> = {}): BadFrame {
  return { type: 'bad', code, detail, event, message, size, params };
}

type Parsed = { message: Record<string, unknown>; event: string; text: string; payloadStart: number; payloadEnd: number; ascii: boolean } | BadFrame;

const PAYLOAD_KEY = '"payload":"';
/** Payloads shorter than this are parsed the ordinary way (the shortcut pays off on real audio). */
const SHORTCUT_MIN_PAYLOAD = 64;

/**
 * A PSR media frame is a few dozen characters of JSON around one long base64 string. Parsing it
 * as JSON scans and copies that string character by character; instead the text is parsed with
 * the payload's characters left out and the payload is taken as a slice of the text. The result
 * must be exactly what JSON.parse of the whole text gives, so the shortcut is used only when that
 * is certain: the key occurs once, the string holds no escape, and the parsed message has
 * media.payload as the (emptied) string in that place. Anything else goes the ordinary way.
 */
function parseMediaShortcut(text: string, memo: MediaFrameMemo | undefined, maxDepth: number): { message: Record<string, unknown>; start: number; end: number } | null {
  const k = text.indexOf(PAYLOAD_KEY);
  if (k < 0) return null;
  const start = k + PAYLOAD_KEY.length;
  const end = text.indexOf('"', start);
  if (end - start < SHORTCUT_MIN_PAYLOAD) return null;
  const slash = text.indexOf('\\', start);
  if (slash >= 0 && slash < end) return null;
  if (text.indexOf(PAYLOAD_KEY, end) >= 0) return null;
  let value: unknown = memo?.recall(text, start, end) ?? null;
  if (value === null) {
    try {
      value = JSON.parse(text.slice(0, start) + text.slice(end));
    } catch {
      return null;
    }
    // Too deep for the memo's copy: the ordinary way says FRAME_TOO_DEEP. (A memo hit has the
    // shape of a message that passed this check.)
    if (deeperThan(value, maxDepth)) return null;
    if (memo && typeof value === 'object' && value !== null && !Array.isArray(value)) memo.remember(text, start, end, value as Record<string, unknown>);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const message = value as Record<string, unknown>;
  const media = mediaObject(message);
  if (message.event !== 'media' || media === null || media.payload !== '') return null;
  media.payload = text.slice(start, end);
  return { message, start, end };
}

/** Steps every frame shares: binary, size, JSON, object with a string `event`. */
function parse(frame: string | Uint8Array, isBinary: boolean, size: number, opts: ReaderOptions, shortcut = true): Parsed {
  if (isBinary) return bad('FRAME_BINARY', `binary frame of ${size} bytes ignored`, 'binary', null, size, { bytes: size });
  if (opts.maxTextBytes !== undefined && size > opts.maxTextBytes) {
    return bad('FRAME_TOO_LARGE', `text frame of ${size} bytes is over the ${opts.maxTextBytes}-byte limit; skipped`, 'unknown', null, size, { bytes: size, limit: opts.maxTextBytes });
  }
  let text: string;
  if (typeof frame === 'string') text = frame;
  else {
    try {
      text = utf8.decode(frame);
    } catch {
      return bad('FRAME_BAD_UTF8', `text frame of ${size} bytes that is not UTF-8 ignored`, 'text', null, size, { bytes: size });
    }
  }
  // Every character of a UTF-8 text is one byte only when all are ASCII.
  const ascii = typeof frame !== 'string' && text.length === size;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  const fast = shortcut ? parseMediaShortcut(text, opts.memo, maxDepth) : null;
  if (fast) return { message: fast.message, event: 'media', text, payloadStart: fast.start, payloadEnd: fast.end, ascii };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const shown = JSON.stringify(text.slice(0, 60));
    return bad('FRAME_NOT_JSON', `text that is not JSON: ${shown}`, 'text', null, size, { text: shown });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (Array.isArray(value) && deeperThan(value, opts.maxDepth ?? DEFAULT_MAX_DEPTH)) return tooDeep('unknown', null, size, opts);
    return bad('FRAME_BAD_SHAPE', 'expected a JSON object with a string "event"', 'unknown', null, size);
  }
  const message = value as Record<string, unknown>;
  const event = message.event;
  if (typeof event !== 'string') {
    if (deeperThan(message, opts.maxDepth ?? DEFAULT_MAX_DEPTH)) return tooDeep('unknown', null, size, opts);
    return bad('FRAME_BAD_SHAPE', 'expected a JSON object with a string "event"', 'unknown', message, size);
  }
  // Parsed whole, the payload may hold escapes (\u0141) that the text's ASCII says nothing about.
  return { message, event, text, payloadStart: -1, payloadEnd: -1, ascii: false };
}

function tooDeep(event: string, _message: Record<string, unknown> | null, size: number, opts: ReaderOptions): BadFrame {
  // The message itself is not handed on: logging it would walk the nesting again.
  const limit = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  return bad('FRAME_TOO_DEEP', `JSON nested deeper than ${limit} levels ignored`, event, null, size, { limit });
}

/** True when the value nests objects/arrays deeper than `max` levels. Iterative: any depth is safe. */
export function deeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: Array<{ v: object; d: number }> = [{ v: value, d: 1 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (d > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (typeof c === 'object' && c !== null) stack.push({ v: c, d: d + 1 });
  }
  return false;
}

function eventName(event: string): string {
  return event.slice(0, 40);
}

/** Decode a payload by the one base64 rule: into the scratch, or into a new array. Null when not base64. */
function decodePayload(payload: string, scratch: PayloadScratch | undefined, ascii: boolean): Uint8Array | null {
  return scratch ? scratch.decode(payload, ascii) : decodeBase64(payload);
}

function mediaObject(message: Record<string, unknown>): Record<string, unknown> | null {
  const m = message.media;
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>) : null;
}

function dataObject(message: Record<string, unknown>): Record<string, unknown> | null {
  const d = message.data;
  return typeof d === 'object' && d !== null && !Array.isArray(d) ? (d as Record<string, unknown>) : null;
}

/**
 * Read one frame that PSR sent to the bot (SPEC §2). `frame` is the frame's bytes (or its text);
 * `isBinary` the WebSocket opcode. A `media` frame's `audio` is a view into `opts.scratch` when given.
 */
export function readPsrFrame(frame: string | Uint8Array, isBinary: boolean, opts: ReaderOptions = {}): PsrFrame {
  return readPsr(frame, isBinary, opts, true);
}

/** The same reading without the media shortcut (the reference the shortcut is tested against). */
export function readPsrFrameSlowly(frame: string | Uint8Array, isBinary: boolean, opts: ReaderOptions = {}): PsrFrame {
  return readPsr(frame, isBinary, opts, false);
}

function readPsr(frame: string | Uint8Array, isBinary: boolean, opts: ReaderOptions, shortcut: boolean): PsrFrame {
  const size = frame.length;
  const p = parse(frame, isBinary, size, opts, shortcut);
  if ('type' in p) return p;
  const { message, event, text, payloadStart, payloadEnd, ascii } = p;
  // A media frame read by the shortcut was checked there (or has a checked frame's shape).
  if (payloadStart < 0 && deeperThan(message, opts.maxDepth ?? DEFAULT_MAX_DEPTH)) return tooDeep(eventName(event), message, size, opts);
  if (event !== 'media' && event !== 'connected' && event !== 'closed') {
    return unknownEvent(event, message, size);
  }
  const data = dataObject(message);
  const ch = data?.channel;
  const channel = isChannelLayout(ch) ? ch : null;
  const callId = typeof data?.call_id === 'string' ? data.call_id : null;
  const timestamp = typeof message.timestamp === 'number' ? message.timestamp : null;
  const badChannel = ch !== undefined && channel === null;
  if (event !== 'media') return { type: event, size, timestamp, callId, channel, badChannel, message };
  const payload = mediaObject(message)?.payload;
  if (typeof payload !== 'string') return bad('FRAME_NO_PAYLOAD', 'media frame without a string media.payload skipped', 'media', message, size);
  const audio = decodePayload(payload, opts.scratch, ascii);
  // Not base64: the ordinary parse says whether the text was JSON at all (a raw control character
  // in the string is a JSON error, which the shortcut does not look for).
  if (!audio) return payloadStart >= 0 ? readPsrFrameSlowly(frame, isBinary, opts) : badBase64(payload, 'media', message, size);
  return { type: 'media', size, timestamp, callId, channel, badChannel, message, text, payload, payloadStart, payloadEnd, audio };
}

/** `media.is_sync`: true for true, "true" or 1; anything else (absent included) is false. */
function isSyncValue(v: unknown): boolean {
  return v === true || v === 'true' || v === 1;
}

/**
 * Read one frame that the bot sent to PSR (SPEC §3): an action. `transfer` and the docs'
 * misspelling `tranfer` are the same action (`misspelled` says which was sent).
 */
export function readActionFrame(frame: string | Uint8Array, isBinary: boolean, opts: ReaderOptions = {}): ActionFrame {
  const size = frame.length;
  const p = parse(frame, isBinary, size, opts);
  if ('type' in p) return p;
  const { message, event, ascii } = p;
  if (deeperThan(message, opts.maxDepth ?? DEFAULT_MAX_DEPTH)) return tooDeep(eventName(event), message, size, opts);
  switch (event) {
    case 'media':
    case 'chunk': {
      const media = mediaObject(message);
      const payload = media?.payload;
      if (typeof payload !== 'string' || payload.length === 0) return bad('FRAME_NO_PAYLOAD', `${event} without base64 text in media.payload`, event, message, size);
      let format: ChunkFormat = 'mp3';
      if (event === 'chunk' && media!.format !== undefined) {
        if (media!.format !== 'mp3' && media!.format !== 'pcm16') {
          const got = String(JSON.stringify(media!.format)).slice(0, 40);
          return bad('FRAME_BAD_FORMAT', `media.format: expected 'mp3' or 'pcm16', got ${got}`, event, message, size, { format: got });
        }
        format = media!.format;
      }
      const audio = decodePayload(payload, opts.scratch, ascii);
      if (!audio) return badBase64(payload, event, message, size);
      return event === 'media' ? { type: 'media', size, message, audio, isSync: isSyncValue(media!.is_sync) } : { type: 'chunk', size, message, audio, format };
    }
    case 'transfer':
    case 'tranfer': {
      const ext = dataObject(message)?.extension;
      const extension = typeof ext === 'string' ? ext.trim() : typeof ext === 'number' && Number.isFinite(ext) ? String(ext) : '';
      if (extension === '') return bad('FRAME_NO_EXTENSION', 'data.extension: expected the extension to transfer to', event, message, size);
      return { type: 'transfer', size, message, extension, misspelled: event === 'tranfer' };
    }
    case 'hangup':
      return { type: 'hangup', size, message };
    default:
      return unknownEvent(event, message, size);
  }
}

function unknownEvent(event: string, message: Record<string, unknown>, size: number): BadFrame {
  const shown = JSON.stringify(eventName(event));
  return bad('FRAME_UNKNOWN_EVENT', `unknown event ${shown} ignored`, eventName(event), message, size, { event: shown });
}

function badBase64(payload: string, event: string, message: Record<string, unknown>, size: number): BadFrame {
  const reason = base64DecodedLength(payload) < 0 ? 'length' : 'characters';
  return bad('FRAME_BAD_BASE64', `media.payload is not base64 (${reason === 'length' ? 'its length' : 'characters outside A–Z a–z 0–9 + /'}; optional = padding)`, event, message, size, { reason });
}
