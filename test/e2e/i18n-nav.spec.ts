// The main navigation stays on one line at 1440 px in both languages (Vietnamese labels are the
// longest), with every screen's button fully visible (nothing scrolled out of view).
import { test, expect } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

for (const [language, switchLabel] of [
  ['vi', 'Language'],
  ['en', 'Ngôn ngữ'],
] as const) {
  test(`the navigation is one line at 1440 px (${language})`, async ({ page }) => {
    if (language === 'en') {
      await page.getByLabel('Language').selectOption('vi');
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    }
    await page.getByLabel(switchLabel).selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    const nav = page.getByRole('navigation');
    const buttons = nav.getByRole('button');
    expect(await buttons.count()).toBeGreaterThanOrEqual(7);
    const tops = new Set<number>();
    for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox()))) tops.add(Math.round(box!.y));
    expect([...tops], 'one row of navigation buttons').toHaveLength(1);
    const overflow = await nav.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'no navigation button is cut off').toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`nav-1440-${language}.png`) });
  });
}
