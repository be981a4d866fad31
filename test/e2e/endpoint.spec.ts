// Endpoint, end to end in web mode: start it from the Endpoint screen, stream a tone to it like
// PSR would, see the call listed, and see the recording appear.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { test, expect } from './fixtures';

function tone(seconds: number): Buffer {
  const n = seconds * 8000;
  const b = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) {
    b.writeInt16LE(Math.round(12000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), i * 4);
    b.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 880 * i) / 8000)), i * 4 + 2);
  }
  return b;
}

test('start the endpoint from its screen, stream a tone to it, see the call listed', async ({ page, app }) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoint' }).click();
  await expect(page.getByRole('heading', { name: 'Embedded bot endpoint' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Endpoint state' })).toHaveText('Stopped');

  await page.getByLabel('Port').fill('0'); // any free port
  await page.getByRole('button', { name: 'Start endpoint' }).click();
  await expect(page.getByRole('status', { name: 'Endpoint state' })).toHaveText('Running');
  const url = (await page.getByLabel('Local URL', { exact: true }).textContent())!;
  expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/server\/ws$/);

  const ws = new WebSocket(`${url}?call_id=e2e-call-1&tenant=demo`);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const send = (o: unknown) => new Promise<void>((resolve, reject) => ws.send(JSON.stringify(o), (e) => (e ? reject(e) : resolve())));
  await send({ timestamp: Date.now(), event: 'connected', data: { call_id: 'e2e-call-1', channel: 'stereo' } });
  const audio = tone(1);
  for (let i = 0; i < 50; i++) {
    await send({ timestamp: Date.now(), event: 'media', media: { payload: audio.subarray(i * 640, (i + 1) * 640).toString('base64') }, data: { call_id: 'e2e-call-1', channel: 'stereo' } });
  }

  const call = page.getByRole('listitem', { name: 'Call e2e-call-1', exact: true });
  await expect(call).toBeVisible();
  await expect(call).toContainText('tenant demo');
  await expect(call.getByRole('button', { name: 'Hang up' })).toBeVisible();

  // Hang up from the UI: PSR (our client) receives the action.
  const received = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
  await call.getByRole('button', { name: 'Hang up' }).click();
  expect(JSON.parse(await received)).toEqual({ event: 'hangup' });

  await send({ timestamp: Date.now(), event: 'closed', data: { call_id: 'e2e-call-1' } });
  ws.close();
  await expect(call).toBeHidden();
  await expect.poll(() => fs.existsSync(path.join(app.recordingsDir, 'e2e-call-1.meta.json')) && JSON.parse(fs.readFileSync(path.join(app.recordingsDir, 'e2e-call-1.meta.json'), 'utf8')).endedAt !== null).toBe(true);
  expect(fs.statSync(path.join(app.recordingsDir, 'e2e-call-1.wav')).size).toBe(44 + audio.length);

  await page.getByRole('button', { name: 'Stop endpoint' }).click();
  await expect(page.getByRole('status', { name: 'Endpoint state' })).toHaveText('Stopped');
});
