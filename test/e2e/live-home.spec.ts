// First run: Home offers one clear way forward — a demo call (offline) or connecting to PSR — and
// the demo call lands in the live view with moving meters and a measured turn.
import { test, expect } from './fixtures';

test('first run: Connect to PSR opens the profiles; Start demo call opens the live view of the call', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Welcome to PSR Console', level: 1 })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('button', { name: 'Start demo call' })).toBeVisible();
  await main.getByRole('button', { name: 'Connect to PSR' }).click();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Profiles' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await main.getByRole('button', { name: 'Start demo call' }).click();
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible({ timeout: 20_000 });
  const legA = page.getByRole('meter', { name: 'Leg A' });
  await expect.poll(async () => Number(await legA.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(-50);
  await expect(page.getByRole('meter', { name: 'Leg B' })).toBeVisible();
});
