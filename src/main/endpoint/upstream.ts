// Tap mode: the connection from the console to the real (upstream) bot for one PSR call.
// PSR's frames are forwarded byte for byte, with the query string PSR used; until the bot's socket
// opens they wait in a bounded queue, and once it is open no more than the same bound waits for a
// bot that does not read (frames past it are dropped until the bot has read down to half of it).
// Failures are reported to the session, never to PSR.
import WebSocket, { type RawData } from 'ws';
import { STREAM_SOCKET_OPTIONS } from '../psr-stream/socket-options';

/** Frames kept while the upstream socket opens, or unread by the bot once open; beyond this they are dropped (and logged). */
export const UPSTREAM_QUEUE_MAX_BYTES = 8 * 1024 * 1024;
/** Largest frame accepted from the bot (a whole WAV in a `media` action). */
export const UPSTREAM_MAX_PAYLOAD = 32 * 1024 * 1024;

export interface UpstreamHandlers {
  message(data: Buffer, isBinary: boolean): void;
  open(): void;
  failed(code: 'UPSTREAM_CONNECT_FAILED' | 'UPSTREAM_CLOSED' | 'UPSTREAM_QUEUE_FULL', detail: string, params: Record<string, string | number>): void;
}

/** Upstream URL + PSR's query parameters (PSR's win over a same-named one in the upstream URL). */
export function upstreamTarget(upstreamUrl: string, psrQuery: URLSearchParams): string {
  const u = new URL(upstreamUrl);
  for (const key of new Set(psrQuery.keys())) {
    u.searchParams.delete(key);
    for (const v of psrQuery.getAll(key)) u.searchParams.append(key, v);
  }
  return u.toString();
}

export class UpstreamRelay {
  private readonly ws: WebSocket;
  private queue: Array<{ data: Buffer; isBinary: boolean }> = [];
  private queuedBytes = 0;
  private dropped = 0;
  /** Dropping frames for a bot that does not read, until it has read down to half the limit. */
  private dropping = false;
  private state: 'connecting' | 'open' | 'gone' = 'connecting';
  private closingByUs = false;

  constructor(
    readonly target: string,
    private readonly handlers: UpstreamHandlers,
    opts: { rejectUnauthorized?: boolean } = {},
  ) {
    this.ws = new WebSocket(target, { maxPayload: UPSTREAM_MAX_PAYLOAD, rejectUnauthorized: opts.rejectUnauthorized ?? true, handshakeTimeout: 10_000, ...STREAM_SOCKET_OPTIONS });
    this.ws.on('open', () => {
      this.state = 'open';
      for (const f of this.queue) this.ws.send(f.data, { binary: f.isBinary });
      this.queue = [];
      this.queuedBytes = 0;
      this.handlers.open();
    });
    this.ws.on('message', (data: RawData, isBinary: boolean) => {
      this.handlers.message(toBuffer(data), isBinary);
    });
    this.ws.on('error', (err) => {
      if (this.state === 'connecting') {
        this.state = 'gone';
        this.handlers.failed('UPSTREAM_CONNECT_FAILED', `${redactUrl(target)}: ${err.message}`, { url: redactUrl(target), error: err.message.slice(0, 200) });
      }
    });
    this.ws.on('close', (code, reason) => {
      const wasOpen = this.state === 'open';
      this.state = 'gone';
      if (wasOpen && !this.closingByUs) this.handlers.failed('UPSTREAM_CLOSED', `the bot closed the connection (code ${code}${reason.length ? `, ${reason.toString()}` : ''})`, { closeCode: code, reason: reason.toString().slice(0, 120) });
    });
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Bytes sent to the bot that it has not taken yet. */
  get backlogBytes(): number {
    return this.state === 'open' ? this.ws.bufferedAmount : this.queuedBytes;
  }

  send(data: Buffer, isBinary: boolean): void {
    if (this.state === 'open') {
      const waiting = this.ws.bufferedAmount;
      if (waiting + data.length > UPSTREAM_QUEUE_MAX_BYTES || (this.dropping && waiting > UPSTREAM_QUEUE_MAX_BYTES / 2)) {
        // One report per stretch of drops, not one per frame.
        if (!this.dropping) this.handlers.failed('UPSTREAM_QUEUE_FULL', `more than ${UPSTREAM_QUEUE_MAX_BYTES} bytes waited for the bot; dropping frames`, { limit: UPSTREAM_QUEUE_MAX_BYTES });
        this.dropping = true;
        return;
      }
      this.dropping = false;
      this.ws.send(data, { binary: isBinary });
    } else if (this.state === 'connecting') {
      if (this.queuedBytes + data.length > UPSTREAM_QUEUE_MAX_BYTES) {
        if (this.dropped++ === 0) this.handlers.failed('UPSTREAM_QUEUE_FULL', `more than ${UPSTREAM_QUEUE_MAX_BYTES} bytes waited for the bot to connect; dropping frames`, { limit: UPSTREAM_QUEUE_MAX_BYTES });
        return;
      }
      this.queue.push({ data, isBinary });
      this.queuedBytes += data.length;
    }
  }

  close(): void {
    this.closingByUs = true;
    this.queue = [];
    if (this.state === 'open') this.ws.close(1000, 'call ended');
    else if (this.state === 'connecting') this.ws.terminate();
    this.state = 'gone';
  }
}

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A URL for logs: no user info, no query values (they may carry customer data). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
