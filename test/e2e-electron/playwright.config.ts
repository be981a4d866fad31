// Desktop end-to-end suite: the real Electron window (Playwright's _electron.launch) on the packaged
// page (out/, built by `npx electron-vite build`). Run: npx playwright test -c test/e2e-electron
// Without Electron's binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1) every test skips with one reason line.
import { defineConfig } from '@playwright/test';
import { electronBinary, SKIP_REASON } from './electron-app';

if (!electronBinary()) console.log(`desktop e2e: ${SKIP_REASON}`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
