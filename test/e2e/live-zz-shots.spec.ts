import { test } from './fixtures';

test('shots', async ({ page }) => {
  await page.getByRole('main').getByRole('button', { name: 'Start demo call' }).click();
  await page.waitForTimeout(12000);
  await page.screenshot({ path: '/tmp/shot-demo.png', fullPage: true });
  const opts = await page.getByLabel('Call', { exact: true }).locator('option').allTextContents();
  console.log('OPTIONS', JSON.stringify(opts));
});
