// A real bridge server on port 0 over a temp renderer folder, for the web-mode tests.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Dispatcher, type Handlers } from '../../../src/main/api/dispatcher';
import { EventBus } from '../../../src/main/api/event-bus';
import { silentLogger, type Logger } from '../../../src/main/logger';
import { startBridgeServer, type BridgeServer } from '../../../src/main/web/bridge-server';

export const SECRET = 'test-secret-0123456789abcdef';

export async function startTestBridge(opts: { maxPayload?: number; handlers?: Partial<Handlers>; logger?: Logger } = {}): Promise<{ server: BridgeServer; dir: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-web-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  const logger = opts.logger ?? silentLogger;
  const server = await startBridgeServer({
    rendererDir: dir,
    dispatcher: new Dispatcher((opts.handlers ?? {}) as Handlers, logger),
    events: new EventBus(),
    logger,
    secret: SECRET,
    ...(opts.maxPayload ? { maxPayload: opts.maxPayload } : {}),
  });
  return {
    server,
    dir,
    async stop() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A raw GET with the path sent byte for byte (no client-side normalisation). */
export function rawGet(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: rawPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}
