// First run: Home offers one clear way forward — a demo call (offline) or connecting to PSR — and
// the demo call opens on the demo stage, and leaving it shows the live view with moving meters and a
// measured turn.
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';

test('first run: Connect to PSR opens the profiles; Start demo call opens the live view of the call', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Welcome to PSR Console', level: 1 })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('button', { name: 'Start demo call' })).toBeVisible();
  await main.getByRole('button', { name: 'Connect to PSR' }).click();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Profiles' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await main.getByRole('button', { name: 'Start demo call' }).click();
  // The demo call opens on the demo stage; leaving it shows the live view.
  await expect(page.getByRole('dialog', { name: 'Demo stage' })).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
  const legA = page.getByRole('meter', { name: 'Leg A' });
  await expect.poll(async () => Number(await legA.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(-50);
  await expect(page.getByRole('meter', { name: 'Leg B' })).toBeVisible();
});

test('demo call to the end: the timeline stops at the call\'s end, and the scripted caller\'s turns are measured', async ({ page, app }) => {
  test.setTimeout(120_000);
  const bridge = await connectBridge(app);
  const ended = bridge.waitFor('call:ended', () => true, 100_000);
  await page.getByRole('main').getByRole('button', { name: 'Start demo call' }).click();
  await expect(page.getByRole('dialog', { name: 'Demo stage' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('dialog', { name: 'Demo stage' }).getByRole('button', { name: /Leave stage/ }).click();
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
  const end = await ended;
  await expect(page.getByText(/^ended \(/)).toBeVisible();
  const detail = await bridge.call('calls:get', { callId: end.callId });
  const wallMs = detail.summary.durationMs!;
  expect(detail.endT).not.toBeNull();
  // The call's audio ends with the call (the bot's own clock, ahead of it, is not the call's).
  expect(detail.endT!).toBeLessThanOrEqual(wallMs + 200);
  const axis = page.getByRole('region', { name: 'Timeline' }).locator('.timeline-axis span').last();
  await expect(axis).toHaveText(`${(detail.endT! / 1000).toFixed(1)} s`);
  // Stays there: nothing moves after the end.
  await page.waitForTimeout(1500);
  await expect(axis).toHaveText(`${(detail.endT! / 1000).toFixed(1)} s`);
  // The scripted caller answers each prompt after the bot stops: those are turns.
  expect(detail.summary.turns.count).toBeGreaterThan(0);
  await expect(page.getByRole('list', { name: 'Recent turns' }).getByRole('listitem')).toHaveCount(detail.turns.length);
  bridge.close();
});
