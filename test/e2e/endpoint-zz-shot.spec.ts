import WebSocket from 'ws';
import { test, expect } from './fixtures';
test('shot', async ({ page }) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoint' }).click();
  await page.getByLabel('Port').fill('0');
  await page.getByRole('checkbox', { name: 'Use wss:// (TLS)' }).check();
  await page.getByRole('button', { name: 'Start endpoint' }).click();
  await expect(page.getByRole('status', { name: 'Endpoint state' })).toHaveText('Running');
  const url = (await page.getByLabel('Local URL', { exact: true }).textContent())!;
  const ws = new WebSocket(`${url}?call_id=shot-1&tenant=demo`, { rejectUnauthorized: false });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ event: 'connected', data: { channel: 'stereo' } }));
  await expect(page.getByRole('listitem', { name: 'Call shot-1' })).toBeVisible();
  await page.screenshot({ path: '/tmp/endpoint-shot.png', fullPage: true });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click().catch(() => {});
  ws.close();
});
