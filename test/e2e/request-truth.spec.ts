// Create stream screen: messages that follow what the fields say now, and JSON that is not painted as an error.
import { test, expect } from './fixtures';

test('"Fix the fields marked above" goes away once the marked fields are fixed', async ({ page }) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  await page.getByLabel('url — WebSocket URL').fill('ws://127.0.0.1:9/server/ws');
  await page.getByLabel('destination — number to call').fill('0901234567');
  await page.getByRole('textbox', { name: /^extension — / }).fill('101');
  const editor = page.getByRole('textbox', { name: /parameter — JSON/ });
  await editor.click();
  await page.keyboard.type('{"danh_xung": "anh",}');
  await page.getByRole('button', { name: /^Send with profile/ }).click();
  const blocked = page.getByRole('alert').filter({ hasText: 'Fix the fields marked above before sending.' });
  await expect(blocked).toBeVisible();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('{"danh_xung":"anh"}');
  await expect(page.getByText('Invalid JSON')).toHaveCount(0);
  await expect(blocked).toHaveCount(0);
});

test('JSON string values in the parameter editor are not red', async ({ page }) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  const editor = page.getByRole('textbox', { name: /parameter — JSON/ });
  await editor.click();
  await page.keyboard.type('{"danh_xung":"anh","n":1}');
  const value = editor.locator('span', { hasText: /^"anh"$/ });
  await expect(value).toHaveCount(1);
  const rgb = (await value.evaluate((el) => getComputedStyle(el).color)).match(/\d+/g)!.map(Number);
  const [r, g, b] = rgb as [number, number, number];
  // Not red: red must not dominate green and blue (the default style's #a11 is rgb(170, 17, 17)).
  expect(r, `string colour ${rgb.join(',')}`).toBeLessThan(Math.max(g, b) + 40);
});
