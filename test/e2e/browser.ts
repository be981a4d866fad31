// Which Chromium the end-to-end tests drive: Playwright's own build if installed, else Debian's.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function chromiumExecutable(): string | undefined {
  if (process.env.PSR_CHROMIUM && fs.existsSync(process.env.PSR_CHROMIUM)) return process.env.PSR_CHROMIUM;
  try {
    const pw = require('playwright-core') as { chromium: { executablePath(): string } };
    const p = pw.chromium.executablePath();
    if (p && fs.existsSync(p)) return undefined; // Playwright finds its own browser.
  } catch {
    /* playwright-core without browsers */
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (fs.existsSync(p)) return p;
  }
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), ' +
      'or `npx playwright install chromium` where downloads are allowed, or set PSR_CHROMIUM=/path/to/chrome.',
  );
}
