// How frames appear in a call's log: the frame's JSON with any media.payload replaced by
// "<N bytes base64>" (payloads are never copied into logs), and a one-line summary of an action.
// Never throws: a message too deeply nested to serialise is logged as a note instead.
import { base64DecodedLength } from './base64';
import type { ActionFrame, ActionMessage } from './messages';

export const TOO_DEEP_FOR_LOG = '"<not logged: nested too deeply>"';

function payloadNote(payload: string): string {
  const n = base64DecodedLength(payload);
  return `<${n >= 0 ? n : Math.floor((payload.length * 3) / 4)} bytes base64>`;
}

/** JSON text of a message with media.payload elided. Mutates nothing; never throws. */
export function messageForLog(message: unknown): string {
  try {
    if (typeof message !== 'object' || message === null) return JSON.stringify(message) ?? 'null';
    const m = message as { media?: unknown };
    const media = m.media;
    if (typeof media === 'object' && media !== null && typeof (media as { payload?: unknown }).payload === 'string') {
      return JSON.stringify({ ...m, media: { ...(media as object), payload: payloadNote((media as { payload: string }).payload) } });
    }
    return JSON.stringify(message);
  } catch {
    // RangeError from nesting (the reader refuses such frames; this is the guard for everything else).
    return TOO_DEEP_FOR_LOG;
  }
}

/**
 * The frame's own text with its payload swapped for a size note: base64 needs no JSON escaping,
 * so the payload appears verbatim. Cheaper than re-serialising every media frame. Null if not found.
 */
export function elidePayloadInText(text: string, payload: string, bytes: number): string | null {
  if (payload.length < 16) return null;
  const i = text.indexOf(payload);
  if (i < 0) return null;
  return `${text.slice(0, i)}<${bytes} bytes base64>${text.slice(i + payload.length)}`;
}

/** The same, when the reader already knows where the payload sits in the text ([start, end)). */
export function elidePayloadAt(text: string, start: number, end: number, bytes: number): string {
  return `${text.slice(0, start)}<${bytes} bytes base64>${text.slice(end)}`;
}

/** One-line summary of an action the bot side sent (a read frame or a built message). */
export function describeAction(action: ActionFrame | ActionMessage): string {
  const kind = 'type' in action ? action.type : action.event;
  switch (kind) {
    case 'media': {
      const bytes = 'audio' in action ? action.audio.length : base64DecodedLength((action as { media: { payload: string } }).media.payload);
      const sync = 'isSync' in action ? action.isSync : (action as { media: { is_sync: boolean } }).media.is_sync;
      return `WAV ${bytes} B, is_sync=${String(sync)}`;
    }
    case 'chunk': {
      const bytes = 'audio' in action ? action.audio.length : base64DecodedLength((action as { media: { payload: string } }).media.payload);
      const format = 'format' in action ? action.format : (action as { media: { format: string } }).media.format;
      return `${format} chunk ${bytes} B`;
    }
    case 'transfer': {
      const ext = 'extension' in action ? action.extension : (action as { data: { extension: string } }).data.extension;
      return `to ${ext}${'misspelled' in action && action.misspelled ? " (sent as 'tranfer')" : ''}`;
    }
    case 'hangup':
      return 'hangup';
    default:
      return 'type' in action && action.type === 'bad' ? `${action.code}: ${action.detail}` : String(kind);
  }
}
