import { test, expect } from './fixtures';

test('debug', async ({ page }) => {
  await page.getByLabel('Language').selectOption('vi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  console.log('after select', await page.getByRole('navigation').textContent());
  await page.waitForTimeout(500);
  console.log('after 500', await page.getByRole('navigation').textContent(), await page.locator('html').getAttribute('lang'));
  await page.getByRole('navigation').getByRole('button').nth(1).click();
  await page.waitForTimeout(500);
  console.log('after click', await page.getByRole('navigation').textContent(), await page.locator('html').getAttribute('lang'));
});
