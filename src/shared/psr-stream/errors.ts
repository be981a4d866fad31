// Error codes of the PSR stream itself (SPEC §2–4), for both directions: what a bad frame is, and
// what is wrong in a call's sequence of frames. A bad frame is logged with its code, counted and
// skipped; none of these ends a call. A code never changes meaning.

export const streamErrorCodes = {
  // one frame, either direction (from the frame reader)
  FRAME_BINARY: 'A binary frame arrived where PSR frames and actions are JSON text (ignored)',
  FRAME_BAD_UTF8: 'A text frame that is not valid UTF-8 (ignored)',
  FRAME_NOT_JSON: 'A text frame was not JSON, e.g. a plain-text test message (ignored)',
  FRAME_BAD_SHAPE: 'A JSON frame was not an object with a string "event" (ignored)',
  FRAME_TOO_DEEP: 'A JSON frame nested deeper than the limit (ignored)',
  FRAME_TOO_LARGE: 'A frame larger than the limit (ignored)',
  FRAME_UNKNOWN_EVENT: 'An event this direction of the stream does not have (ignored)',
  FRAME_NO_PAYLOAD: 'A media or chunk frame without a string media.payload (ignored)',
  FRAME_BAD_BASE64: 'A payload that is not base64 (ignored)',
  FRAME_BAD_FORMAT: "A chunk whose media.format is neither 'mp3' nor 'pcm16' (ignored)",
  FRAME_NO_EXTENSION: 'A transfer without data.extension (ignored)',
  FRAME_BAD_CHANNEL: 'data.channel is not stereo, mono_a or mono_b',
  FRAME_MISSPELLED_EVENT: "The event 'tranfer' (the docs' misspelling), taken as 'transfer'",
  // a call's sequence of frames (from the code that keeps the call's state)
  FRAME_PARTIAL_SAMPLE: 'A media payload that is not a whole number of sample frames (the rest is carried over)',
  FRAME_MEDIA_BEFORE_CONNECTED: 'A media frame arrived before connected (recorded anyway)',
  FRAME_DUPLICATE_CONNECTED: 'A second connected event (ignored)',
  FRAME_AFTER_CLOSED: 'A frame arrived after closed (ignored)',
  FRAME_CHANNEL_CHANGED: 'data.channel changed during the call',
  FRAME_CALL_ID_MISMATCH: 'data.call_id differs from the call_id of the connection',
  BOT_AUDIO_UNDECODABLE: 'Audio sent by the bot could not be decoded',
} as const;

export type StreamErrorCode = keyof typeof streamErrorCodes;

/** The codes the frame reader gives for one bad frame. */
export type BadFrameCode =
  | 'FRAME_BINARY'
  | 'FRAME_BAD_UTF8'
  | 'FRAME_NOT_JSON'
  | 'FRAME_BAD_SHAPE'
  | 'FRAME_TOO_DEEP'
  | 'FRAME_TOO_LARGE'
  | 'FRAME_UNKNOWN_EVENT'
  | 'FRAME_NO_PAYLOAD'
  | 'FRAME_BAD_BASE64'
  | 'FRAME_BAD_FORMAT'
  | 'FRAME_NO_EXTENSION';
