// Starts the built desktop app with a fresh user-data folder and waits for the window to say it is
// loaded. The Electron binary is whatever `require('electron')` points at; none → tests skip.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, type ElectronApplication, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
export const root = fileURLToPath(new URL('../..', import.meta.url));

export const SKIP_REASON = "Electron's binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); skipped — CI runs this suite under xvfb";

/** Path of the Electron executable, or null when the package was installed without its binary. */
export function electronBinary(): string | null {
  let p: string | null = null;
  try {
    const found = require('electron') as unknown;
    p = typeof found === 'string' && fs.existsSync(found) ? found : null;
  } catch {
    p = null;
  }
  // CI sets PSR_REQUIRE_ELECTRON=1: there a missing binary is a failure, not a skip.
  if (!p && process.env.PSR_REQUIRE_ELECTRON === '1') throw new Error(`PSR_REQUIRE_ELECTRON=1 but ${SKIP_REASON}`);
  return p;
}

export interface DesktopApp {
  app: ElectronApplication;
  window: Page;
  userData: string;
  close(): Promise<void>;
}

export async function launchDesktop(opts: { userData?: string; args?: string[] } = {}): Promise<DesktopApp> {
  const userData = opts.userData ?? fs.mkdtempSync(path.join(os.tmpdir(), 'psr-electron-'));
  const app = await _electron.launch({
    executablePath: electronBinary()!,
    args: [path.join(root, 'out/main/index.js'), `--user-data-dir=${userData}`, ...(opts.args ?? [])],
    cwd: root,
    env: { ...process.env, PSR_LOG_LEVEL: 'warn' },
  });
  const window = await app.firstWindow();
  await expect(window.locator('[data-app-state="loaded"]')).toBeVisible();
  return {
    app,
    window,
    userData,
    close: async () => {
      await app.close();
      if (!opts.userData) fs.rmSync(userData, { recursive: true, force: true });
    },
  };
}
