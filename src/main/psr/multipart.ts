// multipart/form-data body built byte for byte the way curl -F builds it (curl 7.8x):
// text parts carry only Content-Disposition; the file part adds filename and
// Content-Type application/octet-stream (curl's type for an unknown extension such as .wav).
import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  name: string;
  fileName: string;
  bytes: Uint8Array;
  contentType?: string;
}

export type MultipartPart = { kind: 'text'; name: string; value: string } | ({ kind: 'file' } & MultipartFile);

/** Same escaping as curl (and the HTML spec): " → %22, CR → %0D, LF → %0A. */
function escapeQuoted(s: string): string {
  return s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function buildMultipart(parts: readonly MultipartPart[], boundary = curlLikeBoundary()): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(p.name)}"`;
    if (p.kind === 'file') {
      head += `; filename="${escapeQuoted(p.fileName)}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`;
    }
    chunks.push(Buffer.from(head + '\r\n\r\n', 'utf8'));
    chunks.push(p.kind === 'file' ? Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength) : Buffer.from(p.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** 24 dashes + 16 random hex digits: curl's boundary shape, so even Content-Length matches curl's. */
export function curlLikeBoundary(): string {
  return '------------------------' + randomBytes(8).toString('hex');
}
