// Serves the built renderer (out/renderer) with the same strict CSP as the desktop window.
// The renderer's files are public code (no secret in them); any path that does not decode to a
// plain file inside the folder is answered 400/404, never an exception.
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

const MAX_PATH_CHARS = 1024;

/**
 * The file a request path names inside `root`, or a reason to refuse it. Pure: decoding errors,
 * NUL bytes, backslashes, over-long paths and escapes from the folder are all refusals.
 */
export function resolveStaticPath(root: string, urlPath: string): { file: string } | { refuse: string } {
  const raw = urlPath.split('?')[0] ?? '/';
  if (raw.length > MAX_PATH_CHARS) return { refuse: 'path too long' };
  let rel: string;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    return { refuse: 'path is not valid percent-encoded UTF-8' };
  }
  if (rel.includes('\0') || rel.includes('\\')) return { refuse: 'path contains a NUL byte or a backslash' };
  if (!rel.startsWith('/')) return { refuse: 'path must start with /' };
  if (rel === '/') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + rel);
  if (!file.startsWith(base + path.sep)) return { refuse: 'path leaves the UI folder' };
  return { file };
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse, head: boolean): void {
  const resolved = resolveStaticPath(root, urlPath);
  if ('refuse' in resolved) {
    res.writeHead(400, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' }).end(`Bad path: ${resolved.refuse}\n`);
    return;
  }
  const file = resolved.file;
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, { ...securityHeaders(), 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(st.size),
    });
    if (head) {
      res.end();
      return;
    }
    const stream = fs.createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
}
