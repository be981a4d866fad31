// wss:// bots: a self-signed certificate is refused unless the call trusts self-signed certificates.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { selfSignedTls } from '../../../src/main/endpoint/tls';
import type { Simulator } from '../../../src/main/simulator/simulator';
import { startSimulator, tempDir } from './sim-fixtures';

let sim: Simulator;
let server: https.Server;
let url: string;
const received: string[] = [];

beforeAll(async () => {
  const tls = await selfSignedTls(tempDir());
  server = https.createServer({ cert: tls.cert, key: tls.key });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.on('message', (d) => received.push(JSON.parse(String(d)).event)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/bot`;
  ({ sim } = await startSimulator());
});
afterAll(async () => {
  await sim.stop();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const req = () => ({ url, destination: '0900', app: 'bot' as const, channel: 'stereo' as const, extension: null, isSilence: true, audio: null, audioFileName: null, parameter: null });

it('refuses a self-signed wss:// bot by default (the call fails, logged with a code)', async () => {
  const call = sim.createCall(req());
  await call.finished;
  expect(call.state).toBe('failed');
  expect(call.reason).toBe('ws-connect-failed');
  expect(call.log.map((l) => l.text).join('\n')).toContain('SIM_WS_CONNECT_FAILED');
});

it('streams to a self-signed wss:// bot when trusted', async () => {
  const call = sim.createCall(req(), { trustSelfSigned: true, maxCallSeconds: 1 });
  await call.finished;
  expect(call.reason).toBe('max-duration');
  expect(received[0]).toBe('connected');
  expect(received.filter((e) => e === 'media').length).toBe(50);
  await expect.poll(() => received.at(-1)).toBe('closed');
});
