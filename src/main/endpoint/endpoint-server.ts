// The WebSocket server PSR streams calls to: plain Node `ws` over http or https, one path,
// explicit limits. Each accepted connection becomes a CallSession.
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AppError } from '../../shared/errors';
import { repairWavsIn } from '../audio/wav-recorder';
import type { Logger } from '../logger';
import { CallSession, type SessionOptions } from './call-session';
import { endInterruptedCalls } from './interrupted-calls';
import type { EmitFn } from './live-batcher';
import type { TlsMaterial } from './tls';
import { STREAM_SOCKET_OPTIONS } from '../psr-stream/socket-options';

/** Limits, each with its documented default. */
export const ENDPOINT_LIMITS = {
  /** Hard WebSocket frame limit: larger frames close that socket with 1009 (ws does this). */
  maxPayload: 8 * 1024 * 1024,
  /** Text frames above this are logged FRAME_TOO_LARGE and skipped; the call goes on. 1 MiB ≈ 48 s of stereo audio in base64. */
  softFrameLimit: 1024 * 1024,
  /** Concurrent calls (connections that sent a valid frame); further connections get HTTP 503. */
  maxConnections: 2000,
  /**
   * Connections that have not sent a valid frame yet. Beyond this, the oldest of them is closed
   * (1013) to make room: idle sockets can never keep a real call out, whose first frame comes at once.
   */
  maxPendingConnections: 256,
  /** A connection that sends no valid frame within this many ms is closed (1008) and leaves no files. 0 = never. */
  idleTimeoutMs: 10_000,
} as const;

export interface EndpointServerOptions {
  host: string;
  port: number;
  /** URL path PSR connects to, e.g. /server/ws. */
  path: string;
  tls: TlsMaterial | null;
  recordingsDir: string;
  logger: Logger;
  now?: () => number;
  emit?: EmitFn;
  maxPayload?: number;
  softFrameLimit?: number;
  maxConnections?: number;
  maxPendingConnections?: number;
  idleTimeoutMs?: number;
  upstreamUrl?: string | null;
  upstreamRejectUnauthorized?: boolean;
  hooks?: Partial<Pick<SessionOptions, 'onStarted' | 'onEnded' | 'onConnected' | 'onVoice'>>;
}

/** Servers running in this process: a call one of them records is live for any server starting on its folder. */
const running = new Set<EndpointServer>();

/** Whether a server of this process is recording call `callId` (a file name) in folder `dir`. */
function liveHere(dir: string, callId: string): boolean {
  for (const server of running) {
    if (path.resolve(server.opts.recordingsDir) !== dir) continue;
    for (const s of server.sessions) if (s.isStarted && s.callId === callId) return true;
  }
  return false;
}

export class EndpointServer {
  readonly sessions = new Set<CallSession>();
  /** Sessions without a valid frame yet, oldest first. */
  private readonly pending = new Set<CallSession>();
  /** Sessions counted against maxConnections (they sent a valid frame). */
  private readonly calls = new Set<CallSession>();
  private closing = false;

  private constructor(
    private readonly server: http.Server | https.Server,
    private readonly wss: WebSocketServer,
    readonly opts: EndpointServerOptions,
    readonly port: number,
  ) {}

  get url(): string {
    const host = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host === '0.0.0.0' ? '127.0.0.1' : this.opts.host;
    return `${this.opts.tls ? 'wss' : 'ws'}://${host}:${this.port}${this.opts.path}`;
  }

  static async listen(opts: EndpointServerOptions): Promise<EndpointServer> {
    // Calls a previous run left without an end get one (reason 'interrupted'), unless a server here
    // records them; first, while their files' modification times still say when they were last written.
    const dir = path.resolve(opts.recordingsDir);
    const interrupted = await endInterruptedCalls(opts.recordingsDir, (id) => liveHere(dir, id));
    if (interrupted.ended.length) opts.logger.info('endpoint.calls_interrupted', { calls: interrupted.ended });
    if (interrupted.failed.length) opts.logger.warn('endpoint.calls_interrupted_failed', { calls: interrupted.failed });
    // A previous run may have died between a data write and its header update.
    const repaired = repairWavsIn(opts.recordingsDir);
    if (repaired.length) opts.logger.info('endpoint.recordings_repaired', { files: repaired });
    const onRequest = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
      res.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', upgrade: 'websocket' });
      res.end(`PSR Console endpoint: connect with a WebSocket to ${opts.path}\n`);
    };
    const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest) : http.createServer(onRequest);
    const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? ENDPOINT_LIMITS.maxPayload, ...STREAM_SOCKET_OPTIONS });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE') {
          reject(new AppError('ENDPOINT_PORT_IN_USE', `port: port ${opts.port} on ${opts.host} is already in use by another program; choose another port or stop that program`, 'port', { host: opts.host, port: opts.port }));
        } else reject(new AppError('ENDPOINT_LISTEN_FAILED', `host: cannot listen on ${opts.host}:${opts.port} (${err.code ?? err.message})`, 'host', { host: opts.host, port: opts.port, cause: err.code ?? 'unknown' }));
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(opts.port, opts.host);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const ep = new EndpointServer(server, wss, opts, port);
    running.add(ep);
    server.on('upgrade', (req, socket, head) => ep.onUpgrade(req, socket, head));
    server.on('error', (err) => opts.logger.error('endpoint.server_error', { error: err.message }));
    opts.logger.info('endpoint.listening', { url: ep.url });
    return ep;
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0];
    const reject = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (this.closing) return reject(503, 'Service Unavailable');
    if (pathname !== this.opts.path) {
      this.opts.logger.warn('endpoint.wrong_path', { path: pathname?.slice(0, 200), expected: this.opts.path });
      return reject(404, 'Not Found');
    }
    if (this.calls.size >= (this.opts.maxConnections ?? ENDPOINT_LIMITS.maxConnections)) return reject(503, 'Service Unavailable');
    if (this.pending.size >= (this.opts.maxPendingConnections ?? ENDPOINT_LIMITS.maxPendingConnections)) {
      const oldest = this.pending.values().next().value!;
      this.pending.delete(oldest);
      oldest.stop('evicted', 1013, 'too many connections without a frame');
    }
    socket.on('error', () => {}); // a reset during the handshake is not our crash
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const hooks: NonNullable<EndpointServerOptions['hooks']> = this.opts.hooks ?? {};
      const session = new CallSession(ws, url, {
        recordingsDir: this.opts.recordingsDir,
        logger: this.opts.logger,
        now: this.opts.now ?? Date.now,
        emit: this.opts.emit,
        softFrameLimit: this.opts.softFrameLimit ?? ENDPOINT_LIMITS.softFrameLimit,
        idleTimeoutMs: this.opts.idleTimeoutMs ?? ENDPOINT_LIMITS.idleTimeoutMs,
        upstreamUrl: this.opts.upstreamUrl ?? null,
        upstreamRejectUnauthorized: this.opts.upstreamRejectUnauthorized,
        onStarted: (s, info) => {
          this.pending.delete(s);
          this.calls.add(s);
          hooks.onStarted?.(s, info);
        },
        onConnected: hooks.onConnected,
        onVoice: hooks.onVoice,
        onEnded: (s, info) => {
          this.sessions.delete(s);
          this.pending.delete(s);
          this.calls.delete(s);
          hooks.onEnded?.(s, info);
        },
      });
      this.sessions.add(session);
      this.pending.add(session);
    });
  }

  find(callId: string): CallSession | undefined {
    // By the connection's own id (`<call_id>~2`…) first; by PSR's call_id, the newest connection wins.
    let found: CallSession | undefined;
    for (const s of this.sessions) {
      if (s.isStarted && s.callId === callId) return s;
      if (s.streamCallId === callId) found = s;
    }
    return found;
  }

  /** Stop accepting, end every call (recordings finalised), close the server. */
  async close(reason = 'stopped'): Promise<void> {
    this.closing = true;
    const finishing = [...this.sessions].map((s) => {
      s.stop(reason);
      // A peer that ignores the close handshake is cut off after 2 s.
      const t = setTimeout(() => s.terminate(reason), 2000);
      return s.finished.finally(() => clearTimeout(t));
    });
    await Promise.all(finishing);
    running.delete(this);
    await new Promise<void>((resolve) => {
      this.wss.close(() => resolve());
    });
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
    });
  }
}
