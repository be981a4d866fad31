// Actions from the endpoint side to PSR (SPEC §3): built by the stream protocol's builders, sent on
// the call's socket, logged, shown on the timeline (`call:action`) and metered as "Bot out". Frames
// the upstream bot sends in tap mode go through the same logging once relayed. An action that would
// take the bytes waiting for PSR over the limit (send-backlog.ts) is not sent: logged ACTION_BACKLOG_FULL,
// and the console's request fails with that error; a bot's or the greeting's action returns false.
import type { ActionFrame, ActionKind, ActionMessage, ChunkFormat } from '../../shared/psr-stream';
import { chunkAction, describeAction, frameText, hangupAction, mediaAction, messageForLog, readActionFrame, transferAction } from '../../shared/psr-stream';
import { logMessage, type LogMessage, type LogParams } from '../../shared/call-log';
import type { BotOutMeter } from './bot-out';
import { messageFor, type CallLog } from './call-log';
import { backlogError, backlogRefusal } from './send-backlog';
import { sharedMediaFrame } from './shared-media-frame';

/**
 * The origin of the actions a request asks for (the console's actions, its chunk streams): one that is
 * not sent for the backlog throws, so the request answers with the reason. Other origins (the greeting,
 * a bot) have no request to answer: the action is logged and reported as not sent (false).
 */
export const REQUEST_ORIGIN = 'console';

/** The greeting: the same WAV bytes for every call, never changed once loaded; its frame is built once and shared. */
const GREETING_ORIGIN = 'greeting';

export interface ActionOutlet {
  readonly log: CallLog;
  readonly botOut: BotOutMeter;
  now(): number;
  /** Call audio time, ms. */
  audioMs(): number;
  isOpen(): boolean;
  /** Bytes waiting to be sent to PSR: held by the socket, not yet taken by the kernel. */
  backlog(): number;
  /** One text frame: its JSON text, or the same as bytes. */
  sendText(text: string | Buffer): void;
  /** Counts the code in the call's stats. */
  countError(code: 'ACTION_BACKLOG_FULL'): void;
  /** A `call:action` for the timeline. */
  /** An action sent: `msg` is its log line's message (the action's facts, for wording in the UI). */
  action(kind: ActionKind, at: number, t: number, detail: string, origin: string, msg: LogMessage): void;
}

export class ActionSender {
  hangupSent = false;
  /** Chunks are being refused: a stretch of them is one log line (a paused stream retries its chunk). */
  private chunksRefused = false;

  constructor(private readonly out: ActionOutlet) {}

  /**
   * Play a whole WAV file. Returns false (and logs) when the call is not open or too much already waits
   * for PSR; for the console's request the latter throws ACTION_BACKLOG_FULL instead.
   */
  media(wav: Uint8Array, isSync: boolean, origin: string, detail?: string, params: LogParams = {}): boolean {
    const facts = { ...params, bytes: wav.length, isSync };
    let sent: boolean;
    if (origin === GREETING_ORIGIN) {
      const f = sharedMediaFrame(wav, isSync);
      sent = this.deliver('media', f.bytes, f.bytes.length, f.logJson, origin, detail ?? f.detail, facts);
    } else {
      const msg = mediaAction(wav, isSync);
      sent = this.send(msg, origin, detail ?? describeAction(msg), facts);
    }
    if (sent) this.out.botOut.media(wav, this.out.audioMs());
    return sent;
  }

  chunk(audio: Uint8Array, format: ChunkFormat, origin: string, detail?: string, params: LogParams = {}): boolean {
    const msg = chunkAction(audio, format);
    const sent = this.send(msg, origin, detail ?? describeAction(msg), { ...params, bytes: audio.length, format });
    if (sent) this.out.botOut.chunk(audio, format, this.out.audioMs());
    return sent;
  }

  transfer(extension: string, origin: string): boolean {
    return this.send(transferAction(extension), origin, `to ${extension}`, { extension });
  }

  hangup(origin: string): boolean {
    return this.send(hangupAction(), origin, 'hang up');
  }

  /**
   * A text frame exactly as the user wrote it (the composer: deliberately wrong frames included). It is
   * read back with the protocol's reader only to log it and, when it is a valid action, to show it.
   */
  raw(text: string, origin: string): boolean {
    const at = this.out.now();
    if (!this.out.isOpen()) return this.notOpen('raw');
    if (this.refused('raw', Buffer.byteLength(text), origin)) return false;
    this.out.sendText(text);
    const f = readActionFrame(text, false);
    const t = this.out.audioMs();
    if (f.type === 'bad') {
      this.out.log.entry(at, 'out', f.event, f.size, logMessage('action.sent', { kind: 'raw', origin, detail: f.detail, t }), f.code, f.message ? messageForLog(f.message) : undefined);
      return true;
    }
    const msg = logMessage('action.sent', { ...factsOf(f), kind: f.type, origin, detail: describeAction(f), t });
    this.out.log.entry(at, 'out', f.type, f.size, msg, undefined, messageForLog(f.message));
    this.done(f.type, at, msg, origin);
    return true;
  }

  /** `params`: the action's facts (bytes, is_sync, format, extension, file…) for the renderer's wording; `detail` is the English one. */
  private send(msg: ActionMessage, origin: string, detail: string, params: LogParams = {}): boolean {
    if (!this.out.isOpen()) return this.notOpen(msg.event);
    const text = frameText(msg);
    return this.deliver(msg.event, text, text.length, messageForLog(msg), origin, detail, params);
  }

  /** Sends a built frame of `size` bytes unless the call is closed or too much waits for PSR; logs it. */
  private deliver(kind: ActionKind, frame: string | Buffer, size: number, logJson: string, origin: string, detail: string, params: LogParams): boolean {
    const at = this.out.now();
    if (!this.out.isOpen()) return this.notOpen(kind);
    if (this.refused(kind, size, origin)) return false;
    this.out.sendText(frame);
    const msg = logMessage('action.sent', { ...params, kind, origin, detail, t: this.out.audioMs() });
    this.out.log.entry(at, 'out', kind, size, msg, undefined, logJson);
    this.done(kind, at, msg, origin);
    return true;
  }

  private notOpen(kind: string): false {
    this.out.log.internal('warning', logMessage('action.not_sent', { kind }));
    return false;
  }

  /**
   * True when `bytes` more must not wait for PSR: logged and counted (a stretch of refused chunks
   * once), and thrown as ACTION_BACKLOG_FULL when a request asked for the action.
   */
  private refused(kind: string, bytes: number, origin: string): boolean {
    const stream = kind === 'chunk';
    const r = backlogRefusal(this.out.backlog(), bytes, stream);
    if (!r) {
      if (stream) this.chunksRefused = false;
      return false;
    }
    if (!stream || !this.chunksRefused) {
      this.out.countError('ACTION_BACKLOG_FULL');
      this.out.log.internal('warning', logMessage('ACTION_BACKLOG_FULL', { kind, origin, bytes: r.bytes, waiting: r.waiting, limit: r.limit }), 'ACTION_BACKLOG_FULL');
    }
    if (stream) this.chunksRefused = true;
    if (origin === REQUEST_ORIGIN) throw backlogError(kind, r);
    return true;
  }

  /** A frame the upstream bot sent, already relayed to PSR byte for byte. */
  relayed(f: ActionFrame, at: number): void {
    const log = this.out.log;
    if (f.type === 'bad') {
      const what =
        f.code === 'FRAME_BINARY'
          ? logMessage('bot.binary_relayed', { bytes: f.size })
          : f.code === 'FRAME_NOT_JSON'
            ? logMessage('bot.text_relayed', { text: f.params.text ?? '' })
            : messageFor(f.code, f.params, f.detail);
      log.entry(at, 'out', f.event, f.size, what, f.code, f.message ? messageForLog(f.message) : undefined);
      return;
    }
    const code = f.type === 'transfer' && f.misspelled ? 'FRAME_MISSPELLED_EVENT' : undefined;
    const msg = logMessage('action.sent', { ...factsOf(f), kind: f.type, origin: 'bot', detail: describeAction(f), t: this.out.audioMs() });
    log.entry(at, 'out', f.type, f.size, msg, code, messageForLog(f.message));
    if (f.type === 'media') this.out.botOut.media(f.audio, this.out.audioMs());
    else if (f.type === 'chunk') this.out.botOut.chunk(f.audio, f.format, this.out.audioMs());
    this.done(f.type, at, msg, 'bot');
  }

  private done(kind: ActionKind, at: number, msg: LogMessage, origin: string): void {
    this.out.action(kind, at, this.out.audioMs(), String(msg.params.detail ?? ''), origin, msg);
    if (kind === 'hangup') this.hangupSent = true;
  }
}

/** What a valid action carries, as log params the renderer words (sizes, is_sync, format, extension). */
function factsOf(f: Exclude<ActionFrame, { type: 'bad' }>): LogParams {
  if (f.type === 'media') return { bytes: f.audio.length, isSync: f.isSync };
  if (f.type === 'chunk') return { bytes: f.audio.length, format: f.format };
  if (f.type === 'transfer') return { extension: f.extension };
  return {};
}
