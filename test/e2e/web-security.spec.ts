// Web mode under attack, in a real Chromium: a page on another 127.0.0.1 port learns nothing and
// cannot open the bridge; an over-large import is refused up front with the limit named, and the
// console stays up.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { secretOf } from './helpers/bridge';

/** A "dev server" on another loopback port that records what the browser sends it. */
async function startOtherSite(consoleOrigin: string): Promise<{ origin: string; requests: http.IncomingHttpHeaders[]; urls: string[]; close(): Promise<void> }> {
  const requests: http.IncomingHttpHeaders[] = [];
  const urls: string[] = [];
  const page = `<!doctype html><title>other</title><script>
    window.results = (async () => {
      const out = { cookie: document.cookie, storage: sessionStorage.getItem('psr-secret') };
      out.bridge = await new Promise((resolve) => {
        const ws = new WebSocket('${consoleOrigin.replace('http', 'ws')}/bridge', ['psr-console']);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
      try {
        const r = await fetch('${consoleOrigin}/', { credentials: 'include' });
        out.fetch = 'read ' + (await r.text()).length;
      } catch (e) { out.fetch = 'blocked'; }
      return out;
    })();
  </script>`;
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    urls.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    urls,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

test('a page on another 127.0.0.1 port receives no secret and cannot open the bridge', async ({ page, app, context }) => {
  const secret = secretOf(app.url);
  expect(secret.length).toBeGreaterThan(20);
  // The console tab is open and working; the address bar no longer shows the secret.
  await expect(page.getByRole('navigation')).toBeVisible();
  expect(page.url()).not.toContain(secret);
  expect((await context.cookies()).map((c) => c.value).join(' ')).not.toContain(secret);

  const other = await startOtherSite(app.origin);
  try {
    const evil = await context.newPage();
    await evil.goto(other.origin + '/page');
    const results = (await evil.evaluate('window.results')) as Record<string, string>;
    expect(results.cookie).toBe('');
    expect(results.storage).toBeNull();
    expect(results.bridge).toBe('refused');
    expect(results.fetch).toBe('blocked');
    // Nothing the browser sent to the other port carries the secret.
    expect(JSON.stringify(other.requests) + other.urls.join(' ')).not.toContain(secret);
    // The console tab still works after all this.
    await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await expect(page.getByRole('heading', { name: 'PSR profiles' })).toBeVisible();
  } finally {
    await other.close();
  }
});

test('importing a call file larger than web mode carries is refused up front with the limit named', async ({ page, app }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-big-'));
  const file = path.join(dir, 'big-call.json');
  // 76 MB of an export-like JSON (a huge base64 field).
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '{"format":"psr-console-call","recordings":[{"base64":"');
  const chunk = Buffer.alloc(1024 * 1024, 'A');
  for (let i = 0; i < 76; i++) fs.writeSync(fd, chunk);
  fs.writeSync(fd, '"}]}');
  fs.closeSync(fd);
  try {
    await page.getByRole('navigation').getByRole('button', { name: 'Library' }).click();
    await page.getByLabel('Exported call file').setInputFiles(file);
    await expect(page.getByRole('alert')).toContainText('web mode imports call files up to 44.8 MB');
    // The service is still up and the page still talks to it.
    expect(app.proc.exitCode).toBeNull();
    await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await expect(page.getByRole('heading', { name: 'PSR profiles' })).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('web mode offers only the $PSR_TOKEN cURL form; even a hand-made request cannot get the token', async ({ page }) => {
  const TOKEN = 'e2e-never-shown-token-98765';
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Token test');
  await page.getByLabel('Base URL').fill('https://psr.example.com');
  await page.getByLabel('Token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('radio', { name: 'Use Token test' }).click();

  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  await page.getByLabel('url — WebSocket URL').fill('wss://bot.example.com/ws');
  await page.getByLabel('destination — number to call').fill('0901234567');
  await page.getByLabel('extension — PBX extension').fill('101');
  await page.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect(page.getByRole('textbox', { name: 'cURL command' })).toHaveValue(/\$PSR_TOKEN/);
  await expect(page.getByRole('button', { name: 'Copy with token' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /token in clear/i })).toHaveCount(0);

  // A script in the page asks for the token the old way and the new way: both refused.
  const answers = await page.evaluate(async () => {
    const secret = sessionStorage.getItem('psr-secret');
    const ws = new WebSocket(`ws://${location.host}/bridge`, ['psr-console', `secret.${secret}`]);
    await new Promise((r) => (ws.onopen = r));
    const request = { url: 'wss://bot.example.com/ws', destination: '0901234567', app: 'dial', extension: '101', channel: 'stereo', is_silence: false, parameter: '' };
    const ask = (id: number, call: string, args: unknown) =>
      new Promise<string>((resolve) => {
        ws.addEventListener('message', (ev) => {
          if (JSON.parse(String(ev.data)).id === id) resolve(String(ev.data));
        });
        ws.send(JSON.stringify({ id, call, args }));
      });
    return [await ask(1, 'psr:curl', { request, revealToken: true }), await ask(2, 'psr:copyCurlWithToken', { request })];
  });
  expect(answers[0]).toContain('INVALID_ARGUMENT');
  expect(answers[1]).toContain('TOKEN_COPY_UNAVAILABLE');
  expect(answers.join(' ') + frames.join(' ') + (await page.content())).not.toContain(TOKEN);
});
