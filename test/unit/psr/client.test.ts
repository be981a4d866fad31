// The create-stream client against real servers on 127.0.0.1: same multipart as curl, auth schemes,
// and every failure class produced for real, each with its stable code.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStream, type PsrTarget } from '../../../src/main/psr/create-stream';
import { defaultConnectionOptions, type PsrConnectionOptions, PsrError } from '../../../src/main/psr/http';
import { emptyPsrRequest, type PsrRequest } from '../../../src/shared/psr/request';
import { closedPort, okReply, startRecorder, sineWav, tempDir, type Recorder, type RecordedRequest } from './helpers';

const run = promisify(execFile);
const TOKEN = 'tok-1234567890abcdef';
let dir: string;
let pem: { key: string; cert: string };
let wavPath: string;
let wav: Buffer;
const servers: Recorder[] = [];

beforeAll(async () => {
  const g = await generate([{ name: 'commonName', value: 'psr.test' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'psr.test' }] }],
  });
  pem = { key: g.private, cert: g.cert };
  dir = tempDir('psr-client-');
  wav = sineWav({ sampleRate: 8000, channels: 1, seconds: 0.5 });
  wavPath = path.join(dir, 'file.wav');
  fs.writeFileSync(wavPath, wav);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function server(reply = okReply(), tls?: { key: string; cert: string }): Promise<Recorder> {
  const s = await startRecorder(reply, tls);
  servers.push(s);
  return s;
}

const target = (baseUrl: string, authScheme: 'bearer' | 'basic' = 'bearer'): PsrTarget => ({ profileName: 'Staging', baseUrl, authScheme, token: TOKEN });
const botRequest = (): PsrRequest => ({
  ...emptyPsrRequest(),
  url: 'wss://bot.example.com/server/ws',
  destination: '0901234567',
  app: 'bot',
  channel: 'stereo',
  is_silence: false,
  audio_file: { uploadId: 'test-upload-1', name: 'file.wav' },
  parameter: '{"danh_xung":"anh"}',
});
const opts = (o: Partial<PsrConnectionOptions> = {}): PsrConnectionOptions => ({ ...defaultConnectionOptions, ...o });

/** The body with its boundary replaced, so two multipart bodies can be compared byte for byte. */
function normalised(r: RecordedRequest): string {
  const boundary = /boundary=(.+)$/.exec(String(r.headers['content-type']))![1]!;
  return r.raw.toString('latin1').split(boundary).join('BOUNDARY');
}

async function expectCode(p: Promise<unknown>, code: string): Promise<PsrError> {
  const e = await p.then(
    () => {
      throw new Error(`expected ${code}, the call succeeded`);
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PsrError);
  expect((e as PsrError).code).toBe(code);
  return e as PsrError;
}

describe('create stream: the request on the wire', () => {
  it('sends the same multipart body as curl with the vendor flags, field by field and byte for byte', async () => {
    const s = await server();
    await run('curl', [
      '-sS', '-X', 'POST', `${s.url}/psr/v1/call/stream`,
      '-H', `Authorization: Bearer ${TOKEN}`,
      '-F', 'url=wss://bot.example.com/server/ws',
      '-F', 'destination=0901234567',
      '-F', 'app=bot',
      '-F', 'channel=stereo',
      '-F', 'is_silence=false',
      '-F', `audio_file=@${wavPath}`,
      '-F', 'parameter={"danh_xung":"anh"}',
    ]);
    const fromCurl = await s.next();
    const result = await createStream(target(s.url), botRequest(), { fileName: 'file.wav', bytes: wav }, opts());
    const fromUs = await s.next();

    expect(result.response.data.call_id).toBe('60fb0716-87cf-437a-91e6-cdcecae21b43');
    expect(fromUs.method).toBe('POST');
    expect(fromUs.url).toBe('/psr/v1/call/stream');
    expect(fromUs.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fromUs.headers.authorization).toBe(fromCurl.headers.authorization);
    expect(fromUs.parts.map((p) => p.name)).toEqual(['url', 'destination', 'app', 'channel', 'is_silence', 'audio_file', 'parameter']);
    expect(fromUs.parts).toEqual(fromCurl.parts);
    const file = fromUs.parts.find((p) => p.name === 'audio_file')!;
    expect(file.filename).toBe('file.wav');
    expect(file.data!.equals(wav)).toBe(true);
    expect(normalised(fromUs)).toBe(normalised(fromCurl));
    expect(fromUs.headers['content-length']).toBe(fromCurl.headers['content-length']);
  });

  it('uses the Basic scheme when the profile says so', async () => {
    const s = await server();
    await createStream(target(s.url, 'basic'), { ...botRequest(), audio_file: null }, null, opts());
    expect((await s.next()).headers.authorization).toBe(`Basic ${TOKEN}`);
  });

  it('sends app=dial with its extension and without bot-only fields', async () => {
    const s = await server();
    await createStream(target(s.url), { ...emptyPsrRequest(), url: '/ws', destination: '0901', extension: '101' }, null, opts());
    const r = await s.next();
    expect(r.parts.map((p) => [p.name, p.value])).toEqual([
      ['url', '/ws'], ['destination', '0901'], ['app', 'dial'], ['channel', 'stereo'], ['extension', '101'],
    ]);
  });

  it('refuses to send a request that breaks a rule, naming the field', async () => {
    const s = await server();
    const e = await expectCode(createStream(target(s.url), { ...botRequest(), destination: ' ' }, null, opts()), 'PSR_INVALID_REQUEST');
    expect(e.field).toBe('destination');
    expect(s.requests).toHaveLength(0);
  });

  it('refuses to send without a token', async () => {
    const s = await server();
    const e = await expectCode(createStream({ ...target(s.url), token: undefined }, { ...botRequest(), audio_file: null }, null, opts()), 'PSR_NO_TOKEN');
    expect(e.message).toContain("'Staging'");
  });
});

describe('create stream: every failure has a code a person can act on', () => {
  const req = () => ({ ...botRequest(), audio_file: null });

  it('PSR_CONNECTION_REFUSED on a closed port', async () => {
    const port = await closedPort();
    const e = await expectCode(createStream(target(`http://127.0.0.1:${port}`), req(), null, opts()), 'PSR_CONNECTION_REFUSED');
    expect(e.message).toContain(`127.0.0.1:${port}`);
  });

  it('PSR_DNS when the host name does not resolve', async () => {
    const lookup = ((hostname: string, _o: unknown, cb: (err: NodeJS.ErrnoException | null) => void) => {
      const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      err.code = 'ENOTFOUND';
      cb(err);
    }) as never;
    const e = await expectCode(createStream(target('https://psr.nowhere.invalid'), req(), null, opts(), { lookup }), 'PSR_DNS');
    expect(e.message).toContain('psr.nowhere.invalid');
  });

  it('PSR_TIMEOUT when the server does not answer in time (header timeout), and no retry', async () => {
    const s = await server(() => {
      /* never answers */
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts({ headersTimeoutMs: 300 })), 'PSR_TIMEOUT');
    expect(e.message).toMatch(/300 ms/);
    expect(s.requests).toHaveLength(1);
  });

  it('PSR_TIMEOUT when the body stalls (body timeout)', async () => {
    const s = await server((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"code":');
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts({ bodyTimeoutMs: 300 })), 'PSR_TIMEOUT');
    expect(e.message).toMatch(/body timeout/);
  });

  describe('TLS', () => {

    it('PSR_TLS naming the certificate problem for a self-signed server', async () => {
      const s = await server(okReply(), pem);
      const e = await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_TLS');
      expect(e.message).toMatch(/self-signed/);
      expect(s.requests).toHaveLength(0);
    });

    it('succeeds once the certificate is trusted with a CA file', async () => {
      const s = await server(okReply('tls-call'), pem);
      const caFile = path.join(dir, 'ca.pem');
      fs.writeFileSync(caFile, pem.cert);
      const r = await createStream(target(s.url), req(), null, opts({ caFile }));
      expect(r.response.data.call_id).toBe('tls-call');
    });

    it('PSR_CA_FILE when the CA file cannot be read', async () => {
      await expectCode(createStream(target('https://127.0.0.1:9'), req(), null, opts({ caFile: path.join(dir, 'missing.pem') })), 'PSR_CA_FILE');
    });
  });

  it('PSR_HTTP_401 says to check the token of the profile', async () => {
    const s = await server((_r, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"code":"UNAUTHORIZED"}');
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_HTTP_401');
    expect(e.message).toContain("check the token of profile 'Staging'");
    expect(e.status).toBe(401);
  });

  it('PSR_HTTP_403 says to check the token of the profile', async () => {
    const s = await server((_r, res) => {
      res.writeHead(403);
      res.end('forbidden');
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_HTTP_403');
    expect(e.message).toContain("check the token of profile 'Staging'");
  });

  it('PSR_HTTP_5XX keeps the body verbatim', async () => {
    const body = 'Internal error: database "calls" is read-only\n  at line 3';
    const s = await server((_r, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(body);
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_HTTP_5XX');
    expect(e.status).toBe(500);
    expect(e.body).toBe(body);
    expect(e.message).toContain(body);
  });

  it('PSR_HTTP_4XX keeps the body verbatim', async () => {
    const s = await server((_r, res) => {
      res.writeHead(422, { 'content-type': 'application/json' });
      res.end('{"code":"INVALID","message":"destination is not a phone number"}');
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_HTTP_4XX');
    expect(e.body).toBe('{"code":"INVALID","message":"destination is not a phone number"}');
  });

  it('PSR_NOT_OK when a 200 carries code ERROR', async () => {
    const s = await server((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":"ERROR","message":"tenant has no trunk"}');
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_NOT_OK');
    expect(e.message).toContain("'ERROR'");
    expect(e.message).toContain('tenant has no trunk');
  });

  it('PSR_BAD_JSON when the body is not JSON', async () => {
    const s = await server((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Login required</html>');
    });
    const e = await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_BAD_JSON');
    expect(e.body).toBe('<html>Login required</html>');
  });

  it('PSR_BAD_RESPONSE when code is OK but data.call_id is missing', async () => {
    const s = await server((_r, res) => {
      res.writeHead(200);
      res.end('{"code":"OK","data":{}}');
    });
    await expectCode(createStream(target(s.url), req(), null, opts()), 'PSR_BAD_RESPONSE');
  });
});

describe('proxy', () => {
  const req = () => ({ ...botRequest(), audio_file: null });
  const failingLookup = ((_h: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null) => void) => {
    const err: NodeJS.ErrnoException = new Error('getaddrinfo ENOTFOUND');
    err.code = 'ENOTFOUND';
    cb(err);
  }) as never;

  /** A CONNECT proxy that tunnels every host to `to` (our recorder), remembering what was asked. */
  async function tunnelProxy(to: string): Promise<{ url: string; asked: string[]; close(): Promise<void> }> {
    const asked: string[] = [];
    const sockets = new Set<import('node:net').Socket>();
    const proxy = http.createServer((_req, res) => {
      res.writeHead(405);
      res.end();
    });
    proxy.on('connect', (req: http.IncomingMessage, client: import('node:net').Socket, head: Buffer) => {
      asked.push(req.url ?? '');
      const { port } = new URL(to);
      const upstream = net.connect(Number(port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => {});
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      asked,
      close: async () => {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => proxy.close(() => resolve()));
      },
    };
  }

  it('tunnels through HTTPS_PROXY for an https PSR (CA file applies inside the tunnel)', async () => {
    const s = await server(okReply('via-proxy'), pem);
    const proxy = await tunnelProxy(s.url);
    try {
      const caFile = path.join(dir, 'ca-proxy.pem');
      fs.writeFileSync(caFile, pem.cert);
      const r = await createStream(target('https://psr.test'), req(), null, opts({ caFile }), { env: { HTTPS_PROXY: proxy.url }, lookup: failingLookup });
      expect(r.response.data.call_id).toBe('via-proxy');
      expect(proxy.asked).toEqual(['psr.test:443']);
      expect(s.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('bypasses the proxy for NO_PROXY hosts', async () => {
    const s = await server(okReply());
    const proxy = await tunnelProxy(s.url);
    try {
      // Direct connection attempted (and the name does not resolve); the proxy is never asked.
      await expectCode(
        createStream(target('https://psr.test'), req(), null, opts(), { env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'psr.test' }, lookup: failingLookup }),
        'PSR_DNS',
      );
      expect(proxy.asked).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('redirects', () => {
  it('are not followed (a call-creating POST is never replayed elsewhere) and name the target', async () => {
    const s = await server((_r, res) => {
      res.writeHead(301, { location: 'https://psr.example.com/psr/v1/call/stream' });
      res.end();
    });
    const e = await expectCode(createStream(target(s.url), { ...botRequest(), audio_file: null }, null, opts()), 'PSR_HTTP_4XX');
    expect(e.message).toContain('https://psr.example.com/psr/v1/call/stream');
    expect(e.status).toBe(301);
    expect(s.requests).toHaveLength(1);
  });
});
