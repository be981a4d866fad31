// Web mode: the renderer served on 127.0.0.1 and the contract bridged over one WebSocket (/bridge).
// Static files need our Host only (they hold no secret). The bridge needs our Host, our Origin and the
// per-run secret as a WebSocket subprotocol (see security.ts); anything else is refused with 403/421.
// A bad message costs its own socket (1009 too large, 1007 not UTF-8), never the process. At most
// MAX_BRIDGE_CLIENTS sockets are open at once (one person's browser tabs); more are closed with 1013.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../api/dispatcher';
import type { BusClient, EventBus } from '../api/event-bus';
import { encodeAudioEvent, type CallAudio } from '../../shared/contract/live';
import type { Logger } from '../logger';
import { BRIDGE_MAX_MESSAGE_BYTES } from '../../shared/security-errors';
import { readBridgeFrame } from './bridge-request';
import { BRIDGE_PROTOCOL, checkBridgeUpgrade, checkHost } from './security';
import { securityHeaders, serveStatic } from './static-files';

export interface BridgeServerOptions {
  rendererDir: string;
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  secret: string;
  port?: number;
  /** Bytes per bridge message; base64 audio files pass through here. */
  maxPayload?: number;
}

export interface BridgeServer {
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Open bridge sockets at once: one person's browser tabs, with room to spare. */
export const MAX_BRIDGE_CLIENTS = 32;
/** Close code for a socket over the limit: "try again later" (when a tab closes). */
export const BRIDGE_CLOSE_TOO_MANY = 1013;

/** Events that are only useful live: dropped for a client whose socket is backed up. */
const droppable = new Set(['call:levels', 'call:audio']);
const BACKPRESSURE_BYTES = 4 * 1024 * 1024;

export async function startBridgeServer(opts: BridgeServerOptions): Promise<BridgeServer> {
  const { secret, logger } = opts;
  let port = 0;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, securityHeaders()).end();
      return;
    }
    const refusal = checkHost(req, port);
    if (refusal) {
      res.writeHead(refusal.status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' }).end(refusal.reason + '\n');
      return;
    }
    serveStatic(opts.rendererDir, req.url ?? '/', res, req.method === 'HEAD');
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload ?? BRIDGE_MAX_MESSAGE_BYTES,
    handleProtocols: (offered) => (offered.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });
  const clients = new Map<WebSocket, BusClient>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const pathname = (req.url ?? '/').split('?')[0];
    const refusal = pathname !== '/bridge' ? { status: 404, reason: 'Not found' } : checkBridgeUpgrade(req, port, secret);
    if (refusal) {
      logger.warn('bridge.refused', { reason: refusal.reason });
      socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal.reason}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    if (clients.size >= MAX_BRIDGE_CLIENTS) {
      logger.warn('bridge.too_many_clients', { limit: MAX_BRIDGE_CLIENTS });
      ws.on('error', () => ws.terminate());
      ws.close(BRIDGE_CLOSE_TOO_MANY, `too many console tabs open (at most ${MAX_BRIDGE_CLIENTS}); close one and reload`);
      return;
    }
    // Each socket is one bus client: per-call events (call audio) only for the calls it listens to.
    const client = opts.events.client((event, payload) => {
      if (ws.readyState !== ws.OPEN) return;
      if (droppable.has(event) && ws.bufferedAmount > BACKPRESSURE_BYTES) return;
      // Audio crosses as bytes, in a binary frame (see encodeAudioEvent); everything else as JSON text.
      if (event === 'call:audio') ws.send(encodeAudioEvent(payload as CallAudio), { binary: true });
      else ws.send(JSON.stringify({ event, payload }));
    });
    clients.set(ws, client);
    // Demo calls this page started end with its socket (page closed or reloaded), not at the call limit.
    const demoCalls = new Set<string>();
    ws.on('close', () => {
      client.close();
      clients.delete(ws);
      for (const callId of demoCalls) void opts.dispatcher.dispatch('simulator:hangup', { callId });
    });
    // ws closes the socket itself (1009 over maxPayload, 1007 invalid UTF-8, 1002 protocol errors);
    // without a listener the 'error' event would be thrown and end the process.
    ws.on('error', (err) => {
      logger.warn('bridge.client_error', { code: (err as { code?: string }).code, reason: err.message });
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const frame = readBridgeFrame((data as Buffer).toString('utf8'));
      if (frame.kind === 'unusable') {
        logger.warn('bridge.bad_message', { size: (data as Buffer).length, reason: frame.reason });
        return;
      }
      if (frame.kind === 'refused') {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, result: { ok: false, error: frame.error } }));
        return;
      }
      void opts.dispatcher.dispatch(frame.call, frame.args, { client }).then((result) => {
        if (frame.call === 'simulator:startDemoCall' && result.ok) demoCalls.add((result.value as { callId: string }).callId);
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, result }));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    // The secret rides in the fragment: browsers never send it over HTTP.
    url: `${origin}/#secret=${secret}`,
    origin,
    port,
    async close() {
      for (const [ws, client] of clients) {
        client.close();
        ws.terminate();
      }
      await new Promise<void>((r) => wss.close(() => r()));
      // The browser keeps HTTP connections open (keep-alive, a request under way): end them, or
      // close() would wait for the page and the process would not stop.
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}
