// Certificates for wss://. A self-signed one is generated once (selfsigned v5, async) and kept in
// <dataDir>/tls/ so PSR or a tunnel can pin it; or the user supplies their own cert and key.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { AppError } from '../../shared/errors';
import { checkUserFilePath, readUserFile, readUserFileSync, UserFileError, type UserFileRule } from '../io/user-file';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, colon-separated hex (as browsers and openssl show it). */
  fingerprint256: string;
  source: 'generated' | 'user';
  certPath: string;
  notAfter: string;
}

/** Largest certificate or key file accepted (a PEM chain of a few certificates is a few KiB). */
export const TLS_FILE_MAX_BYTES = 1024 * 1024;

type TlsField = 'certPath' | 'keyPath';
const NOUNS: Record<TlsField, string> = { certPath: 'certificate file', keyPath: 'private key file' };
const rule = (field: TlsField): UserFileRule => ({ field, noun: NOUNS[field], maxBytes: TLS_FILE_MAX_BYTES });

function tlsFileError(e: unknown, field: TlsField, file: string): AppError {
  const message = e instanceof UserFileError ? e.message : `${field}: expected a readable ${NOUNS[field]} at ${file} (${String(e)})`;
  return new AppError('ENDPOINT_TLS_INVALID', message, field);
}

/** A certificate or key the user named: a regular file of at most TLS_FILE_MAX_BYTES, as text. */
function readTlsFileSync(file: string, field: TlsField): string {
  try {
    return readUserFileSync(file, rule(field)).toString('utf8');
  } catch (e) {
    throw tlsFileError(e, field, file);
  }
}

type TlsPaths = { certPath?: string | null; keyPath?: string | null };

/**
 * The check made when endpoint settings are saved: each TLS path entered (given and different from
 * the saved one) that can never be a certificate or key — a FIFO, a device, a folder, over the size
 * limit — is refused with ENDPOINT_TLS_INVALID naming the field. A missing file is refused at start.
 */
export async function checkTlsPaths(patch: TlsPaths, saved: TlsPaths = {}): Promise<void> {
  for (const field of ['certPath', 'keyPath'] as const) {
    const file = patch[field];
    if (!file || file === saved[field]) continue;
    try {
      await checkUserFilePath(file, rule(field));
    } catch (e) {
      throw tlsFileError(e, field, file);
    }
  }
}

/** A kept file of the generated pair: its text, or null when missing or unusable (a new pair is made). */
async function readKept(file: string, field: TlsField): Promise<string | null> {
  try {
    return (await readUserFile(file, { ...rule(field), noun: `kept ${NOUNS[field]}` })).toString('utf8');
  } catch (e) {
    // Writing a new pair over a FIFO or a device would block or go nowhere: the user must remove it.
    if (e instanceof UserFileError && e.problem === 'not-regular') throw new AppError('ENDPOINT_TLS_INVALID', `${e.message}; remove it and a new certificate is generated`, field);
    return null;
  }
}

function describe(cert: string, key: string, source: TlsMaterial['source'], certPath: string): TlsMaterial {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (e) {
    throw new AppError('ENDPOINT_TLS_INVALID', `certPath: expected a PEM certificate in ${certPath} (${e instanceof Error ? e.message : String(e)})`, 'certPath');
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (e) {
    throw new AppError('ENDPOINT_TLS_INVALID', `keyPath: expected an unencrypted PEM private key (${e instanceof Error ? e.message : String(e)})`, 'keyPath');
  }
  if (!x509.checkPrivateKey(privateKey)) throw new AppError('ENDPOINT_TLS_INVALID', 'keyPath: expected the private key that matches the certificate', 'keyPath');
  return { cert, key, fingerprint256: x509.fingerprint256, source, certPath, notAfter: x509.validTo };
}

/** The kept self-signed certificate, generated on first use (or when the kept one expired or is damaged). */
export async function selfSignedTls(dataDir: string, now = new Date()): Promise<TlsMaterial> {
  const dir = path.join(dataDir, 'tls');
  const certPath = path.join(dir, 'endpoint-cert.pem');
  const keyPath = path.join(dir, 'endpoint-key.pem');
  const keptCert = await readKept(certPath, 'certPath');
  const keptKey = await readKept(keyPath, 'keyPath');
  if (keptCert !== null && keptKey !== null) {
    try {
      const m = describe(keptCert, keptKey, 'generated', certPath);
      if (new Date(m.notAfter).getTime() > now.getTime() + 24 * 3600_000) return m;
    } catch {
      // Damaged or mismatched: make a new pair below.
    }
  }
  const notAfter = new Date(now);
  notAfter.setFullYear(notAfter.getFullYear() + 2);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'PSR Console endpoint' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyPath, pems.private, { mode: 0o600 });
  fs.writeFileSync(certPath, pems.cert, { mode: 0o644 });
  return describe(pems.cert, pems.private, 'generated', certPath);
}

export function userTls(certPath: string, keyPath: string): TlsMaterial {
  return describe(readTlsFileSync(certPath, 'certPath'), readTlsFileSync(keyPath, 'keyPath'), 'user', certPath);
}
