// The web bridge against hostile clients: a bad message costs that client's socket (1009/1007), never
// the server or another client; the secret is never a cookie and only opens the bridge as a subprotocol.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../../src/main/api/dispatcher';
import { rawGet, SECRET, startTestBridge } from './web-helpers';

let t: Awaited<ReturnType<typeof startTestBridge>> | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const handlers = { 'app:info': () => ({ mode: 'web' }) } as unknown as Partial<Handlers>;

function open(port: number, protocols: string[] = ['psr-console', `secret.${SECRET}`], origin = `http://127.0.0.1:${port}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, protocols, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

/** A round trip that proves the server still answers. */
async function ping(ws: WebSocket): Promise<unknown> {
  const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
  ws.send(JSON.stringify({ id: 7, call: 'no:such' }));
  return reply;
}

describe('web bridge: hostile messages', () => {
  it('closes only the client that sent a message over the limit, with 1009', async () => {
    t = await startTestBridge({ maxPayload: 1024, handlers });
    const bystander = await open(t.server.port);
    const attacker = await open(t.server.port);
    const code = closed(attacker);
    attacker.send('x'.repeat(4096));
    expect(await code).toBe(1009);
    expect(await ping(bystander)).toMatchObject({ id: 7, result: { ok: false, error: { code: 'UNKNOWN_CALL' } } });
    expect((await rawGet(t.server.port, '/')).status).toBe(200);
    bystander.close();
  });

  it('closes a client that sends invalid UTF-8 text with 1007 and stays up', async () => {
    t = await startTestBridge({ handlers });
    const bystander = await open(t.server.port);
    const attacker = await open(t.server.port);
    const code = closed(attacker);
    // A raw text frame whose payload is not UTF-8 (ws would refuse to send it, so write the frame by hand).
    const payload = Buffer.from([0xc3, 0x28, 0xff]);
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    const sock = (attacker as unknown as { _socket: net.Socket })._socket;
    sock.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
    expect(await code).toBe(1007);
    expect(await ping(bystander)).toMatchObject({ id: 7 });
    bystander.close();
  });
});

describe('web bridge: the secret', () => {
  it('prints a URL with the secret in the fragment and sets no cookie', async () => {
    t = await startTestBridge({ handlers });
    expect(t.server.url).toBe(`${t.server.origin}/#secret=${SECRET}`);
    const page = await rawGet(t.server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('opens the bridge only with the secret subprotocol, our Origin and our Host', async () => {
    t = await startTestBridge({ handlers });
    const port = t.server.port;
    await expect(open(port, ['psr-console'])).rejects.toThrow('HTTP 403');
    await expect(open(port, ['psr-console', 'secret.wrong'])).rejects.toThrow('HTTP 403');
    await expect(open(port, undefined, 'http://127.0.0.1:1')).rejects.toThrow('HTTP 403');
    // The old query form no longer opens it.
    await expect(
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?secret=${SECRET}`, { origin: `http://127.0.0.1:${port}`, headers: { cookie: `psr_console_session=${SECRET}` } });
        ws.once('open', resolve);
        ws.once('unexpected-response', (_r, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      }),
    ).rejects.toThrow('HTTP 403');
    const ws = await open(port);
    expect(ws.protocol).toBe('psr-console');
    ws.close();
    expect((await rawGet(port, '/', { host: 'evil.example' })).status).toBe(421);
  });
});
