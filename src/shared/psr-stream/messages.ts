// The PSR stream's messages, as they are on the wire (SPEC §2–4), and as the frame reader gives them.
// PSR → bot: `connected`, `media`, `closed`. Bot → PSR: `media`, `chunk`, `transfer` (also spelled
// `tranfer`, as the docs' table does), `hangup`. Every one is a JSON text frame; binary frames and
// plain-text test messages (the vendor demo bot's "hangup", "stream_repeat") are not frames of the
// protocol, and the reader says so with a code.
import type { ChannelLayout } from '../contract/live';
import type { BadFrameCode } from './errors';

export type { ChannelLayout };

// ---- wire shapes ------------------------------------------------------------------------------

/** `data` of PSR's frames. */
export interface PsrFrameData {
  call_id: string;
  channel: ChannelLayout;
}

export interface PsrConnectedMessage {
  timestamp: number;
  event: 'connected';
  data: PsrFrameData;
}

export interface PsrMediaMessage {
  timestamp: number;
  event: 'media';
  /** base64 of 16-bit little-endian PCM, 8 kHz, laid out as data.channel says. */
  media: { payload: string };
  data: PsrFrameData;
}

export interface PsrClosedMessage {
  timestamp: number;
  event: 'closed';
  data: PsrFrameData;
}

export type PsrMessage = PsrConnectedMessage | PsrMediaMessage | PsrClosedMessage;

export type ChunkFormat = 'mp3' | 'pcm16';

export interface MediaActionMessage {
  event: 'media';
  /** payload: base64 of a whole WAV file. is_sync: play after what is queued (true) or cut it (false). */
  media: { payload: string; is_sync: boolean };
}

export interface ChunkActionMessage {
  event: 'chunk';
  media: { payload: string; format: ChunkFormat };
}

export interface TransferActionMessage {
  event: 'transfer';
  data: { extension: string };
}

export interface HangupActionMessage {
  event: 'hangup';
}

export type ActionMessage = MediaActionMessage | ChunkActionMessage | TransferActionMessage | HangupActionMessage;
export type ActionKind = ActionMessage['event'];

// ---- what the reader gives ----------------------------------------------------------------------

/** A frame the reader could not take: logged with `code` and skipped by the caller. */
export interface BadFrame {
  type: 'bad';
  code: BadFrameCode;
  /** What was wrong, naming the field and what was expected (English, for the log). */
  detail: string;
  /** The frame's `event` when it had one, else 'binary', 'text' or 'unknown' (for the log's type column). */
  event: string;
  /** The parsed message when the frame was a JSON object (for the log), else null. */
  message: Record<string, unknown> | null;
  /** Frame size in bytes (UTF-8 length for text). */
  size: number;
  /** The facts in `detail`, for wording it in another language (bytes, limit, text, event, reason). */
  params: Record<string, string | number>;
}

interface PsrFrameCommon {
  /** Frame size in bytes. */
  size: number;
  timestamp: number | null;
  /** data.call_id when it is a string. */
  callId: string | null;
  /** data.channel when it is one of the three layouts. */
  channel: ChannelLayout | null;
  /** True when data.channel is present but not a layout (FRAME_BAD_CHANNEL: the frame is still used). */
  badChannel: boolean;
  message: Record<string, unknown>;
}

export interface PsrConnectedFrame extends PsrFrameCommon {
  type: 'connected';
}

export interface PsrMediaFrame extends PsrFrameCommon {
  type: 'media';
  /** The frame's text (for a log line with the payload elided in place). */
  text: string;
  /** media.payload as sent. */
  payload: string;
  /** Where the payload's characters sit in `text` ([start, end)), or -1 when not known. */
  payloadStart: number;
  payloadEnd: number;
  /** The decoded payload: a view into the caller's scratch, valid until its next use. */
  audio: Uint8Array;
}

export interface PsrClosedFrame extends PsrFrameCommon {
  type: 'closed';
}

/** One frame from PSR, read. */
export type PsrFrame = PsrConnectedFrame | PsrMediaFrame | PsrClosedFrame | BadFrame;

interface ActionFrameCommon {
  size: number;
  message: Record<string, unknown>;
}

export interface MediaActionFrame extends ActionFrameCommon {
  type: 'media';
  /** The WAV file's bytes (a view into the scratch when one was given). */
  audio: Uint8Array;
  isSync: boolean;
}

export interface ChunkActionFrame extends ActionFrameCommon {
  type: 'chunk';
  audio: Uint8Array;
  format: ChunkFormat;
}

export interface TransferActionFrame extends ActionFrameCommon {
  type: 'transfer';
  extension: string;
  /** Sent as `tranfer` (the docs' misspelling): taken as transfer, worth a FRAME_MISSPELLED_EVENT note. */
  misspelled: boolean;
}

export interface HangupActionFrame extends ActionFrameCommon {
  type: 'hangup';
}

/** One frame from the bot, read. */
export type ActionFrame = MediaActionFrame | ChunkActionFrame | TransferActionFrame | HangupActionFrame | BadFrame;
