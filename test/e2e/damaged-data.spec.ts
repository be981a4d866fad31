// Starting web mode on damaged data: the console starts, and says what was reset and where the
// damaged copies are, on the first start and the next, until the user dismisses the notice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, openApp, startWebApp, stopWebApp, test } from './fixtures';

test('garbage token file and wrong-typed settings: the app starts and names the backups until dismissed', async ({ browser }) => {
  test.setTimeout(180_000); // three starts of the real service
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-e2e-damaged-'));
  fs.writeFileSync(path.join(dataDir, 'secrets.json'), 'garbage');
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ endpoint: { port: '8000' }, ui: { language: 'en' } }));
  const page = await browser.newPage();
  let app = await startWebApp(dataDir);
  try {
    await openApp(page, app.url);
    const banner = page.getByRole('alert', { name: 'Damaged data was reset' });
    await expect(banner).toContainText('The token file could not be read');
    await expect(banner).toContainText('The “endpoint” settings had the wrong shape');
    const backups = fs.readdirSync(dataDir).filter((f) => /\.(corrupt|damaged)-/.test(f));
    expect(backups).toHaveLength(2);
    for (const b of backups) await expect(banner).toContainText(path.join(dataDir, b));
    await page.screenshot({ path: 'test-results/damaged-data-en.png' });

    // Second start: still said.
    await stopWebApp(app.proc);
    app = await startWebApp(dataDir);
    await openApp(page, app.url);
    await expect(banner).toContainText('The token file could not be read');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);

    await stopWebApp(app.proc);
    app = await startWebApp(dataDir);
    await openApp(page, app.url);
    await expect(page.getByRole('navigation')).toBeVisible();
    await expect(banner).toHaveCount(0);
  } finally {
    await stopWebApp(app.proc);
    await page.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
