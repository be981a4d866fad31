// Tap mode, the session's side: PSR's frames go to the upstream bot untouched, whatever they are;
// the bot's frames go back to PSR byte for byte and are read with the stream protocol's reader
// for the log, the timeline and the "Bot out" meter — the same reading the simulator gives them
// (a `tranfer` is a transfer on both timelines).
import { readActionFrame } from '../../shared/psr-stream';
import { logMessage } from '../../shared/call-log';
import type { Logger } from '../logger';
import type { ActionSender } from './action-sender';
import { messageFor, type CallLog } from './call-log';
import { UpstreamRelay, redactUrl, upstreamTarget } from './upstream';

export interface TapRelayDeps {
  log: CallLog;
  actions: ActionSender;
  logger: Logger;
  now(): number;
  countError(code: 'UPSTREAM_CONNECT_FAILED' | 'UPSTREAM_CLOSED' | 'UPSTREAM_QUEUE_FULL'): void;
  /** Send to PSR; false when the call is no longer open. */
  sendToPsr(data: Buffer, isBinary: boolean): boolean;
  idForAppLog(): string;
}

/** Largest bot frame that is read for the log (bigger ones are relayed and logged by size only). */
const READ_LIMIT = 32 * 1024 * 1024;

export class TapRelay {
  private readonly upstream: UpstreamRelay;

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
    // Byte-identical: the very buffer the bot sent, with its text/binary flag.
    if (!this.deps.sendToPsr(data, isBinary)) return;
    this.deps.actions.relayed(readActionFrame(data, isBinary, { maxTextBytes: READ_LIMIT }), at);
  }

  close(): void {
    this.upstream.close();
  }
}
