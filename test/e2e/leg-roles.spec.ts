// Legs named by their role when the console knows the call's app: the demo call (app=bot) and a
// dial call created through the built-in simulator; the meters, the timeline and listening agree.
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';

test('a demo call (app=bot): "Bot (A)" and "Caller (B)" on meters, timeline and listen controls, and in Vietnamese', async ({ page, app }) => {
  const bridge = await connectBridge(app);
  await page.getByRole('main').getByRole('button', { name: 'Start demo call' }).click();
  // The demo opens on the demo stage; leaving it shows the live view.
  await expect(page.getByRole('dialog', { name: 'Demo stage' })).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Bot (A)' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Caller (B)' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Leg A' })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Bot (A) speech' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Caller (B) speech' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Mute Bot (A)' })).toBeVisible();
  await page.getByLabel('Language').selectOption('vi');
  await expect(page.getByRole('meter', { name: 'Bot (A)' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Người được gọi (B)' })).toBeVisible();
  await page.screenshot({ path: 'test-results/leg-roles-vi.png', fullPage: true });
  await page.getByLabel('Ngôn ngữ').selectOption('en');
  const live = await bridge.call('calls:live');
  for (const c of live.calls) if (!c.ended) await bridge.call('simulator:hangup', { callId: c.started.callId }).catch(() => {});
  bridge.close();
});

test('a dial call through the simulator: "Extension (A)" and "Destination (B)"', async ({ page, app }) => {
  const bridge = await connectBridge(app);
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  await page.getByLabel('url — WebSocket URL').fill(status.localUrl!);
  await page.getByLabel('destination — number to call').fill('0901234567');
  await page.getByRole('textbox', { name: /^extension — / }).fill('101');
  await page.getByRole('button', { name: /^Send with profile/ }).click();
  const callId = (await page.getByRole('status', { name: 'Call id' }).textContent())!;
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  await expect(page.getByRole('status').filter({ hasText: callId })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('meter', { name: 'Extension (A)' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Destination (B)' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Destination (B) speech' })).toBeVisible();
  await bridge.call('simulator:hangup', { callId }).catch(() => {});
  bridge.close();
});
