// "Test connection" against the real simulator and real HTTP servers: a wrong address, a wrong token,
// a server that never asks for a token, an unexpected answer, and success, for every auth scheme.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthScheme } from '../../../src/shared/contract/profiles';
import { defaultConnectionOptions } from '../../../src/main/psr/http';
import { testConnection } from '../../../src/main/psr/test-connection';
import type { Simulator } from '../../../src/main/simulator/simulator';
import { startSimulator, TOKEN } from '../simulator/sim-fixtures';

const options = { ...defaultConnectionOptions, connectTimeoutMs: 3_000, headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 };
const env = { env: {} };
const target = (baseUrl: string, token: string, authScheme: AuthScheme = 'bearer') => ({ profileName: 't', baseUrl, authScheme, token });

async function server(handler: http.RequestListener): Promise<{ url: string; seen: (string | undefined)[]; close: () => Promise<void> }> {
  const seen: (string | undefined)[] = [];
  const s = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    handler(req, res);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => s.close(() => r())) };
}

let sim: Simulator;
let simUrl: string;
beforeAll(async () => {
  ({ sim, baseUrl: simUrl } = await startSimulator());
});
afterAll(async () => {
  await sim.stop();
});

describe('test connection', () => {
  it('the simulator: right token ok in each scheme, wrong token rejected', async () => {
    for (const scheme of ['bearer', 'basic', 'none'] as const) {
      const r = await testConnection(target(simUrl, TOKEN, scheme), options, env);
      expect(r, scheme).toMatchObject({ outcome: 'ok', status: 404, code: null });
      expect(r.url).toMatch(/\/psr\/v1\/call\/record\/psr-console-test-[0-9a-f-]{36}\.wav$/);
      expect(r.url).not.toContain(TOKEN);
    }
    expect(await testConnection(target(simUrl, 'wrong-token-1'), options, env)).toMatchObject({ outcome: 'token-rejected', status: 401, code: 'PSR_HTTP_401' });
  });

  it('a real server that checks the token the same way: ok; sends the header as the scheme says', async () => {
    const s = await server((req, res) => {
      res.writeHead(req.headers.authorization === 'Bearer good-token' ? 404 : 401).end();
    });
    try {
      expect(await testConnection(target(s.url, 'good-token'), options, env)).toMatchObject({ outcome: 'ok', status: 404 });
      expect(await testConnection(target(s.url, 'good-token', 'none'), options, env)).toMatchObject({ outcome: 'token-rejected', status: 401 });
      expect(s.seen).toContain('good-token');
      expect(s.seen).toContain(undefined);
    } finally {
      await s.close();
    }
  });

  it('403 is a rejected token too', async () => {
    const s = await server((_req, res) => res.writeHead(403).end('forbidden'));
    try {
      expect(await testConnection(target(s.url, 'tok-123456'), options, env)).toMatchObject({ outcome: 'token-rejected', status: 403, code: 'PSR_HTTP_403' });
    } finally {
      await s.close();
    }
  });

  it('a server that answers 404 without any token is reachable but unverified (maybe not PSR)', async () => {
    const s = await server((_req, res) => res.writeHead(404).end('not found'));
    try {
      expect(await testConnection(target(s.url, 'tok-123456'), options, env)).toMatchObject({ outcome: 'unverified', status: 404 });
    } finally {
      await s.close();
    }
  });

  it('a 500 or a redirect is unexpected (reachable, shown with its status)', async () => {
    const s = await server((req, res) => (req.headers.authorization ? res.writeHead(500).end() : res.writeHead(401).end()));
    try {
      expect(await testConnection(target(s.url, 'tok-123456'), options, env)).toMatchObject({ outcome: 'unexpected', status: 500 });
    } finally {
      await s.close();
    }
  });

  it('nothing listening: unreachable with the network code', async () => {
    const s = await server(() => {});
    const url = s.url;
    await s.close();
    expect(await testConnection(target(url, 'tok-123456'), options, env)).toMatchObject({ outcome: 'unreachable', status: null, code: 'PSR_CONNECTION_REFUSED' });
    expect(await testConnection(target('http://no-such-host.invalid', 'tok-123456'), options, env)).toMatchObject({ outcome: 'unreachable', code: 'PSR_DNS' });
  });
});
