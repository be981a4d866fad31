// Certificates for wss://. A self-signed one is generated once (selfsigned v5, async) and kept in
// <dataDir>/tls/ so PSR or a tunnel can pin it; or the user supplies their own cert and key.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { AppError } from '../../shared/errors';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, colon-separated hex (as browsers and openssl show it). */
  fingerprint256: string;
  source: 'generated' | 'user';
  certPath: string;
  notAfter: string;
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
  if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    try {
      const m = describe(fs.readFileSync(certPath, 'utf8'), fs.readFileSync(keyPath, 'utf8'), 'generated', certPath);
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
  let cert: string;
  let key: string;
  try {
    cert = fs.readFileSync(certPath, 'utf8');
  } catch (e) {
    throw new AppError('ENDPOINT_TLS_INVALID', `certPath: expected a readable certificate file at ${certPath} (${(e as Error).message})`, 'certPath');
  }
  try {
    key = fs.readFileSync(keyPath, 'utf8');
  } catch (e) {
    throw new AppError('ENDPOINT_TLS_INVALID', `keyPath: expected a readable key file at ${keyPath} (${(e as Error).message})`, 'keyPath');
  }
  return describe(cert, key, 'user', certPath);
}
