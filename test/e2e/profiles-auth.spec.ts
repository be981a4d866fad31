// Profiles: the third auth style (the token as is), "Test connection" telling wrong address, wrong
// token and success apart (a real HTTP server and the built-in simulator), and presenter mode that
// masks the screen but copies a runnable cURL.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRecorder, type Recorder } from '../unit/psr/helpers';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

const run = promisify(execFile);
const TOKEN = 'tok-none-8c1f2a';
const DESTINATION = '0912345678';

/** A PSR stand-in that accepts only `Authorization: <TOKEN>` (no scheme), like PSR's v3 API. */
function rawTokenPsr(): Promise<Recorder> {
  return startRecorder((req, res) => {
    if (req.headers.authorization !== TOKEN) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"UNAUTHORIZED","message":"bad token"}');
    if (req.method === 'GET') return void res.writeHead(404).end('no such recording');
    const base = `http://${req.headers.host}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'OK', message: 'OK', data: { call_id: 'raw-token-call', full_recording_url: `${base}/psr/v1/call/record/full_raw-token-call.wav`, recording_url: `${base}/psr/v1/call/record/raw-token-call.wav`, status: 'in-progress' } }));
  });
}

async function addProfile(page: Page, name: string, baseUrl: string, token: string, scheme: string): Promise<void> {
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Base URL').fill(baseUrl);
  await page.getByLabel('Authorization scheme').selectOption({ label: scheme });
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

test('auth "None (token as is)" and Test connection: success, wrong token, wrong address, simulator', async ({ page }) => {
  const psr = await rawTokenPsr();
  try {
    await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await addProfile(page, 'Raw PSR', psr.url, TOKEN, 'None (token as is)');
    await expect(page.getByRole('row', { name: /Raw PSR/ })).toContainText('None (token as is)');
    await addProfile(page, 'Wrong token', psr.url, 'not-the-token-1', 'None (token as is)');
    await addProfile(page, 'Bearer to raw', psr.url, TOKEN, 'Bearer (documented)');
    await addProfile(page, 'Nowhere', 'http://127.0.0.1:9', TOKEN, 'Bearer (documented)');
    const verdict = page.getByRole('region', { name: 'Connection test' }).getByRole('status');

    await page.getByRole('button', { name: 'Test connection of Raw PSR' }).click();
    await expect(verdict).toHaveText('Raw PSR: the address and the token work (the server checked the token and accepted it).');
    await page.getByRole('button', { name: 'Test connection of Wrong token' }).click();
    await expect(verdict).toContainText('Wrong token: the server was reached but rejected the token (HTTP 401)');
    await page.getByRole('button', { name: 'Test connection of Bearer to raw' }).click();
    await expect(verdict).toContainText('rejected the token (HTTP 401)');
    await page.getByRole('button', { name: 'Test connection of Nowhere' }).click();
    await expect(verdict).toContainText('Nowhere: the address cannot be reached: nothing listens at that address and port.');
    await page.getByRole('button', { name: 'Test connection of Offline simulator' }).click();
    await expect(verdict).toHaveAttribute('data-outcome', 'ok');
    // Probes only: no call was created.
    expect(psr.requests.every((r) => r.method === 'GET' && /\/psr\/v1\/call\/record\/psr-console-test-[\w-]+\.wav$/.test(r.url))).toBe(true);

    // The same scheme on a real create-stream request, and in the cURL export.
    await page.getByRole('radio', { name: 'Use Raw PSR' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
    await page.getByLabel('url — WebSocket URL').fill('wss://bot.example.com/ws');
    await page.getByLabel('destination — number to call').fill(DESTINATION);
    await page.getByLabel('extension — PBX extension').fill('101');
    await page.getByRole('button', { name: 'Send with profile Raw PSR (not retried)' }).click();
    await expect(page.getByRole('region', { name: 'Response' })).toContainText('raw-token-call');
    const sent = psr.requests.find((r) => r.method === 'POST')!;
    expect(sent.headers.authorization).toBe(TOKEN);
    await page.getByRole('button', { name: 'Copy as cURL' }).click();
    await expect(page.getByLabel('cURL command')).toContainText('-H "Authorization: $PSR_TOKEN"');
  } finally {
    await psr.close();
  }
});

test('presenter mode masks the cURL on screen but copies the runnable command (real values, $PSR_TOKEN)', async ({ page, app }) => {
  const psr = await rawTokenPsr();
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await addProfile(page, 'Raw PSR', psr.url, TOKEN, 'None (token as is)');
    await page.getByRole('radio', { name: 'Use Raw PSR' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
    await page.getByLabel('url — WebSocket URL').fill('wss://bot.example.com/ws');
    await page.getByLabel('destination — number to call').fill(DESTINATION);
    await page.getByLabel('extension — PBX extension').fill('101');
    await page.getByRole('switch', { name: 'Presenter mode' }).click();
    await page.getByRole('button', { name: 'Copy as cURL' }).click();
    const shown = page.getByLabel('cURL command');
    await expect(shown).toBeVisible();
    expect(await shown.inputValue()).not.toContain(DESTINATION);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`destination=${DESTINATION}`);
    expect(copied).toContain('$PSR_TOKEN');
    expect(copied).not.toContain(TOKEN);
    // Runnable as copied: bash with PSR_TOKEN set reaches the server with the real values.
    const { stdout } = await run('bash', ['-c', copied], { env: { ...process.env, PSR_TOKEN: TOKEN }, timeout: 20_000 });
    expect(JSON.parse(stdout)).toMatchObject({ code: 'OK' });
    const viaCurl = psr.requests.filter((r) => r.method === 'POST');
    expect(viaCurl).toHaveLength(1);
    expect(viaCurl[0]!.headers.authorization).toBe(TOKEN);
    expect(viaCurl[0]!.parts.find((p) => p.name === 'destination')?.value).toBe(DESTINATION);
  } finally {
    await psr.close();
  }
});
