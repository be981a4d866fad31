// Foundation, end to end in web mode: profiles survive a restart, tokens never reach the page,
// the bridge refuses strangers, bad arguments come back as coded errors naming the field.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { test, expect, openApp } from './fixtures';
import { secretOf } from './helpers/bridge';

const TOKEN = 'tok_SuperSecret_9f8e7d6c5b4a3210_zZ';

test('create a profile with a token, reload, it is there; the token never reaches the page or settings; delete works', async ({ page, app }) => {
  // Record every bridge message the renderer receives.
  const received: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await expect(page.getByRole('heading', { name: 'PSR profiles' })).toBeVisible();
  // First run: the built-in simulator profile is there and active.
  await expect(page.getByRole('radio', { name: 'Use Offline simulator' })).toBeChecked();

  await page.getByRole('button', { name: 'New profile' }).click();
  // Validation names the field.
  await page.getByLabel('Base URL').fill('not a url');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Name:' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Base URL:' })).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Staging');
  await page.getByLabel('Base URL').fill('https://psr.staging.example');
  await page.getByLabel('Authorization scheme').selectOption('basic');
  const tokenBox = page.getByLabel('Token', { exact: true });
  await tokenBox.fill(TOKEN);
  await expect(tokenBox).toHaveAttribute('type', 'password');
  await page.getByRole('checkbox', { name: 'Show while typing' }).check();
  await expect(tokenBox).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile “Staging” saved.' })).toBeVisible();

  const row = page.getByRole('row', { name: /Staging/ });
  await expect(row).toContainText('https://psr.staging.example');
  await expect(row).toContainText('Basic');
  await expect(row).toContainText(`set (…${TOKEN.slice(-4)})`);

  // Restart the service and reload the page: the profile is still there.
  await app.restart();
  await openApp(page, app.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await expect(page.getByRole('row', { name: /Staging/ })).toContainText(`set (…${TOKEN.slice(-4)})`);

  // The token is nowhere in the DOM, the bridge traffic, or the settings file.
  expect(await page.content()).not.toContain(TOKEN);
  expect(received.length).toBeGreaterThan(3);
  expect(received.join('\n')).not.toContain(TOKEN);
  const settingsText = fs.readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8');
  expect(settingsText).toContain('Staging');
  expect(settingsText).not.toContain(TOKEN);
  // Web mode keeps tokens in an owner-only file, and says so on screen.
  const secretsFile = path.join(app.dataDir, 'secrets.json');
  expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
  await expect(page.getByLabel('Token storage')).toContainText('not encrypted by the operating system');

  // Delete (with confirmation).
  await page.getByRole('button', { name: 'Delete Staging' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('row', { name: /Staging/ })).toHaveCount(0);
  expect(fs.readFileSync(secretsFile, 'utf8')).not.toContain(TOKEN);
});

test('the bridge refuses a request without the secret and one from a foreign Origin', async ({ app }) => {
  const secret = secretOf(app.url);
  // The page itself is public code and carries no secret; it sets no cookie.
  const page = await fetch(app.origin + '/');
  expect(page.status).toBe(200);
  expect(page.headers.get('set-cookie')).toBeNull();
  // A rebinding attack arrives with someone else's Host name.
  const wrongHost = await new Promise<number>((resolve, reject) => {
    const u = new URL(app.url);
    http.get({ host: '127.0.0.1', port: u.port, path: '/', headers: { Host: 'evil.example' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
  expect(wrongHost).toBe(421);

  const tryBridge = (protocols: string[], origin: string) =>
    new Promise<number | 'open'>((resolve) => {
      const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/bridge`, protocols, { origin });
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(0));
    });
  expect(await tryBridge(['psr-console'], app.origin)).toBe(403);
  expect(await tryBridge(['psr-console', 'secret.wrong'], app.origin)).toBe(403);
  expect(await tryBridge(['psr-console', `secret.${secret}`], 'https://evil.example')).toBe(403);
  expect(await tryBridge(['psr-console', `secret.${secret}`], app.origin)).toBe('open');
});

test('invalid arguments to a contract call come back as a coded error naming the field', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const secret = sessionStorage.getItem('psr-secret');
    const ws = new WebSocket(`ws://${location.host}/bridge`, ['psr-console', `secret.${secret}`]);
    await new Promise((r) => (ws.onopen = r));
    const ask = (id: number, call: string, args: unknown) =>
      new Promise<unknown>((resolve) => {
        ws.addEventListener('message', (ev) => {
          const m = JSON.parse(String(ev.data));
          if (m.id === id) resolve(m.result);
        });
        ws.send(JSON.stringify({ id, call, args }));
      });
    return [
      await ask(1, 'profiles:save', { name: 'x', baseUrl: 'ftp://nope', authScheme: 'bearer' }),
      await ask(2, 'profiles:setActive', { id: 42 }),
      await ask(3, 'no:such', {}),
    ];
  });
  const [bad, badType, unknown] = result as Array<{ ok: boolean; error: { code: string; message: string; field?: string } }>;
  expect(bad!.ok).toBe(false);
  expect(bad!.error.code).toBe('INVALID_ARGUMENT');
  expect(bad!.error.field).toBe('baseUrl');
  expect(bad!.error.message).toContain("field 'baseUrl'");
  expect(badType!.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'id' });
  expect(unknown!.error.code).toBe('UNKNOWN_CALL');
});
