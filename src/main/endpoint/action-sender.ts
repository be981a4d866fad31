// Actions from the endpoint side to PSR (SPEC §3): built by the stream protocol's builders, sent on
// the call's socket, logged, shown on the timeline (`call:action`) and metered as "Bot out". Frames
// the upstream bot sends in tap mode go through the same logging once relayed.
import type { ActionFrame, ActionKind, ActionMessage, ChunkFormat } from '../../shared/psr-stream';
import { chunkAction, describeAction, frameText, hangupAction, mediaAction, messageForLog, readActionFrame, transferAction } from '../../shared/psr-stream';
import { logMessage } from '../../shared/call-log';
import type { BotOutMeter } from './bot-out';
import { messageFor, type CallLog } from './call-log';

export interface ActionOutlet {
  readonly log: CallLog;
  readonly botOut: BotOutMeter;
  now(): number;
  /** Call audio time, ms. */
  audioMs(): number;
  isOpen(): boolean;
  sendText(text: string): void;
  /** A `call:action` for the timeline. */
  action(kind: ActionKind, at: number, t: number, detail: string, origin: string): void;
}

export class ActionSender {
  hangupSent = false;

  constructor(private readonly out: ActionOutlet) {}

  /** Play a whole WAV file. Returns false (and logs) when the call is not open. */
  media(wav: Uint8Array, isSync: boolean, origin: string, detail?: string): boolean {
    const msg = mediaAction(wav, isSync);
    const sent = this.send(msg, origin, detail ?? describeAction(msg));
    if (sent) this.out.botOut.media(wav, this.out.audioMs());
    return sent;
  }

  chunk(audio: Uint8Array, format: ChunkFormat, origin: string, detail?: string): boolean {
    const msg = chunkAction(audio, format);
    const sent = this.send(msg, origin, detail ?? describeAction(msg));
    if (sent) this.out.botOut.chunk(audio, format, this.out.audioMs());
    return sent;
  }

  transfer(extension: string, origin: string): boolean {
    return this.send(transferAction(extension), origin, `to ${extension}`);
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
    if (!this.out.isOpen()) {
      this.out.log.internal('warning', logMessage('action.not_sent', { kind: 'raw' }));
      return false;
    }
    this.out.sendText(text);
    const f = readActionFrame(text, false);
    const t = this.out.audioMs();
    if (f.type === 'bad') {
      this.out.log.entry(at, 'out', f.event, f.size, logMessage('action.sent', { kind: 'raw', origin, detail: f.detail, t }), f.code, f.message ? messageForLog(f.message) : undefined);
      return true;
    }
    const detail = describeAction(f);
    this.out.log.entry(at, 'out', f.type, f.size, logMessage('action.sent', { kind: f.type, origin, detail, t }), undefined, messageForLog(f.message));
    this.done(f.type, at, detail, origin);
    return true;
  }

  private send(msg: ActionMessage, origin: string, detail: string): boolean {
    const at = this.out.now();
    if (!this.out.isOpen()) {
      this.out.log.internal('warning', logMessage('action.not_sent', { kind: msg.event }));
      return false;
    }
    const text = frameText(msg);
    this.out.sendText(text);
    this.out.log.entry(at, 'out', msg.event, text.length, logMessage('action.sent', { kind: msg.event, origin, detail, t: this.out.audioMs() }), undefined, messageForLog(msg));
    this.done(msg.event, at, detail, origin);
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
    const detail = describeAction(f);
    const code = f.type === 'transfer' && f.misspelled ? 'FRAME_MISSPELLED_EVENT' : undefined;
    log.entry(at, 'out', f.type, f.size, logMessage('action.sent', { kind: f.type, origin: 'bot', detail, t: this.out.audioMs() }), code, messageForLog(f.message));
    if (f.type === 'media') this.out.botOut.media(f.audio, this.out.audioMs());
    else if (f.type === 'chunk') this.out.botOut.chunk(f.audio, f.format, this.out.audioMs());
    this.done(f.type, at, detail, 'bot');
  }

  private done(kind: ActionKind, at: number, detail: string, origin: string): void {
    this.out.action(kind, at, this.out.audioMs(), detail, origin);
    if (kind === 'hangup') this.hangupSent = true;
  }
}
