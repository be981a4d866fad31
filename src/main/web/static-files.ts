// Serves the built renderer (out/renderer) with the same strict CSP as the desktop window.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: data:; connect-src 'self'; font-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), geolocation=(), microphone=(self)',
    'Cache-Control': 'no-store',
  };
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse, extraHeaders: Record<string, string>): void {
  let rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = path.resolve(root, '.' + rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    res.writeHead(400, securityHeaders()).end('Bad path');
    return;
  }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, { ...securityHeaders(), 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...securityHeaders(),
      ...extraHeaders,
      'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(st.size),
    });
    fs.createReadStream(file).pipe(res);
  });
}
