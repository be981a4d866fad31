// Tap mode, the session's side: PSR's frames go to the upstream bot untouched, whatever they are;
// the bot's frames go back to PSR byte for byte and are read with the stream protocol's reader
// for the log, the timeline and the "Bot out" meter — the same reading the simulator gives them
// (a `tranfer` is a transfer on both timelines). While PSR does not read what it is sent, the bot's
// frames that would take the bytes waiting for it over the limit (send-backlog.ts) are dropped until
// PSR has read down to RELAY_RESUME_BYTES, with one log line per stretch of drops; PSR's own frames
// still go to the bot and are recorded.
import { readActionFrame } from '../../shared/psr-stream';
import { logMessage } from '../../shared/call-log';
import type { Logger } from '../logger';
import type { ActionSender } from './action-sender';
import { messageFor, type CallLog } from './call-log';
import { RELAY_RESUME_BYTES, backlogRefusal } from './send-backlog';
import { UpstreamRelay, redactUrl, upstreamTarget } from './upstream';

export interface TapRelayDeps {
  log: CallLog;
  actions: ActionSender;
  logger: Logger;
  now(): number;
  countError(code: 'UPSTREAM_CONNECT_FAILED' | 'UPSTREAM_CLOSED' | 'UPSTREAM_QUEUE_FULL' | 'ACTION_BACKLOG_FULL'): void;
  /** Bytes waiting to be sent to PSR; null when the call is no longer open. */
  psrBacklog(): number | null;
  sendToPsr(data: Buffer, isBinary: boolean): void;
  idForAppLog(): string;
}

/** Largest bot frame that is read for the log (bigger ones are relayed and logged by size only). */
const READ_LIMIT = 32 * 1024 * 1024;

export class TapRelay {
  private readonly upstream: UpstreamRelay;
  /** The bot's frames are being dropped for the backlog (one log line and one count per stretch). */
  private dropping = false;

  constructor(upstreamUrl: string, psrQuery: URLSearchParams, private readonly deps: TapRelayDeps, rejectUnauthorized?: boolean) {
    const target = upstreamTarget(upstreamUrl, psrQuery);
    deps.log.internal('info', logMessage('tap.relaying', { url: redactUrl(target) }));
    this.upstream = new UpstreamRelay(
      target,
      {
        open: () => deps.log.internal('info', logMessage('tap.connected')),
        failed: (code, detail, params) => {
          deps.countError(code);
          deps.log.internal('error', messageFor(code, params, detail), code);
        },
        message: (data, isBinary) => {
          try {
            this.fromBot(data, isBinary);
          } catch (e) {
            deps.logger.error('endpoint.bot_frame_failed', { callId: deps.idForAppLog(), error: e instanceof Error ? e.stack : String(e) });
          }
        },
      },
      { rejectUnauthorized },
    );
  }

  /** The upstream URL for logs and meta (no query, no credentials). */
  get target(): string {
    return redactUrl(this.upstream.target);
  }

  /** A frame from PSR: forwarded first and untouched — the bot decides what is bad. */
  fromPsr(data: Buffer, isBinary: boolean): void {
    this.upstream.send(data, isBinary);
  }

  private fromBot(data: Buffer, isBinary: boolean): void {
    const at = this.deps.now();
    const waiting = this.deps.psrBacklog();
    if (waiting === null) return;
    const refused = backlogRefusal(waiting, data.length, false);
    if (refused || (this.dropping && waiting > RELAY_RESUME_BYTES)) {
      if (refused && !this.dropping) {
        this.dropping = true;
        this.deps.countError('ACTION_BACKLOG_FULL');
        this.deps.log.internal('warning', logMessage('tap.backlog_dropping', { waiting: refused.waiting, limit: refused.limit }), 'ACTION_BACKLOG_FULL');
      }
      return;
    }
    this.dropping = false;
    // Byte-identical: the very buffer the bot sent, with its text/binary flag.
    this.deps.sendToPsr(data, isBinary);
    this.deps.actions.relayed(readActionFrame(data, isBinary, { maxTextBytes: READ_LIMIT }), at);
  }

  close(): void {
    this.upstream.close();
  }
}
