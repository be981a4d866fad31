// Call quality shows during the call and updates while it runs (the endpoint's figures so far ride
// along with the level windows); the library list names the legs by role like the call's detail.
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';

test('a demo call shows its quality while it runs, and the library list names its legs by role', async ({ page, app }) => {
  const bridge = await connectBridge(app);
  await page.getByRole('main').getByRole('button', { name: 'Start demo call' }).click();
  await expect(page.getByRole('dialog', { name: 'Demo stage' })).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
  const live = await bridge.call('calls:live');
  const call = live.calls.find((c) => !c.ended);
  expect(call, 'a demo call is running').toBeTruthy();
  const callId = call!.started.callId;

  const quality = page.getByRole('region', { name: 'Call quality' });
  await expect(quality.getByRole('status', { name: 'Call quality verdict' })).toHaveText(/^(Good|Fair|Poor)\./, { timeout: 10_000 });
  await expect(quality.getByText('So far: updated every second while the call runs; final when it ends.')).toBeVisible();
  const figures = quality.getByRole('list', { name: 'Call quality figures' }).or(quality.getByLabel('Call quality figures'));
  const frames = figures.getByRole('definition').last();
  const first = Number((await frames.textContent())!.replace(/\D/g, ''));
  expect(first).toBeGreaterThan(0);
  // Still the same call, still running: the frame count grows as the figures are pushed.
  await expect.poll(async () => Number((await frames.textContent())!.replace(/\D/g, '')), { timeout: 10_000 }).toBeGreaterThan(first);
  expect((await bridge.call('calls:live')).calls.find((c) => c.started.callId === callId)?.ended).toBe(false);

  await page.getByLabel('Language').selectOption('vi');
  await expect(page.getByRole('region', { name: 'Chất lượng cuộc gọi' }).getByText('Tính đến lúc này', { exact: false })).toBeVisible();
  await page.getByLabel('Ngôn ngữ').selectOption('en');

  const ended = bridge.waitFor('calls:changed', (p) => p.reason === 'ended');
  await bridge.call('simulator:hangup', { callId }).catch(() => {});
  await ended;
  await expect(quality.getByText('So far', { exact: false })).toHaveCount(0);

  await page.getByRole('navigation').getByRole('button', { name: 'Call library' }).click();
  const row = page.getByRole('table').getByRole('row').filter({ hasText: callId });
  await expect(row.getByRole('cell', { name: 'Bot (A), Caller (B)', exact: true })).toBeVisible();
  await expect(row.getByText('Leg A')).toHaveCount(0);
  bridge.close();
});
