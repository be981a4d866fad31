// A `media` action frame built once and handed, as the same bytes, to every call's socket: the
// greeting goes to every call, and a call whose PSR reads slowly (or not at all) holds its frame until
// PSR has read it. Shared, N such calls hold one copy of a 15 MB greeting (a 20 MB frame), not N.
// Only for WAV bytes that never change once sent (the greeting as loaded): the frame is looked up by
// the bytes' identity.
import { describeAction, frameText, mediaAction, messageForLog } from '../../shared/psr-stream';

export interface SharedMediaFrame {
  /** The frame's JSON text as bytes (ASCII: base64 and fixed keys), sent as a text frame. */
  readonly bytes: Buffer;
  /** The message for the call log, its payload elided. */
  readonly logJson: string;
  /** The English description of the action. */
  readonly detail: string;
}

/** Frames by WAV bytes, [is_sync false, true]; an entry lives as long as the bytes it was built from. */
const built = new WeakMap<Uint8Array, [SharedMediaFrame | null, SharedMediaFrame | null]>();

export function sharedMediaFrame(wav: Uint8Array, isSync: boolean): SharedMediaFrame {
  let pair = built.get(wav);
  if (!pair) built.set(wav, (pair = [null, null]));
  const i = isSync ? 1 : 0;
  const hit = pair[i];
  if (hit) return hit;
  const msg = mediaAction(wav, isSync);
  const frame: SharedMediaFrame = { bytes: Buffer.from(frameText(msg), 'latin1'), logJson: messageForLog(msg), detail: describeAction(msg) };
  pair[i] = frame;
  return frame;
}
