// A 200 from create stream is not a call: with the built-in simulator, the console watches whether
// the stream really connected and says so (real calls: the simulator dials the console's endpoint).
import { test, expect } from './fixtures';
import { connectBridge, type BridgeClient } from './helpers/bridge';

let bridge: BridgeClient;

test.beforeEach(async ({ app }) => {
  bridge = await connectBridge(app);
});
test.afterEach(() => bridge.close());

async function createStream(page: import('@playwright/test').Page, url: string) {
  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  await page.getByLabel('url — WebSocket URL').fill(url);
  await page.getByLabel('destination — number to call').fill('0901234567');
  await page.getByRole('radio', { name: /^bot — / }).check();
  await page.getByRole('checkbox', { name: /is_silence/ }).check();
  await page.getByRole('button', { name: /^Send with profile/ }).click();
  await expect(page.getByRole('status', { name: 'Call id' })).not.toBeEmpty();
}

test('a wss:// endpoint with a self-signed certificate: the simulator cannot connect, and the console says so with the cause', async ({ page }) => {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0, tls: true });
  expect(status.localUrl).toMatch(/^wss:/);
  await bridge.call('simulator:saveSettings', { trustSelfSigned: false }).catch(() => {});
  await createStream(page, status.localUrl!);
  const alert = page.getByRole('alert', { name: 'PSR connection' });
  await expect(alert).toContainText('PSR could not connect to the stream URL', { timeout: 15_000 });
  await expect(alert).toContainText('self-signed certificate');
  await expect(alert).toContainText('The wss:// certificate is not trusted');
  // The history says what happened, not only "200".
  const row = page.getByRole('table', { name: 'History' }).getByRole('row').nth(1);
  await expect(row).toContainText('PSR could not connect');
});

test('a ws:// endpoint: the console says PSR connected', async ({ page }) => {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await createStream(page, status.localUrl!);
  await expect(page.getByRole('status', { name: 'PSR connection' })).toContainText(/PSR connected to the stream URL after [\d.]+ s/, { timeout: 15_000 });
  await expect(page.getByRole('table', { name: 'History' }).getByRole('row').nth(1)).toContainText('PSR connected');
});
