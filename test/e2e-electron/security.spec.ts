// The window opens with the security settings in force: sandbox, context isolation, no Node in the
// page, a Content-Security-Policy, and navigation and new windows denied.
import { test, expect } from '@playwright/test';
import { electronBinary, launchDesktop, SKIP_REASON } from './electron-app';

test.skip(!electronBinary(), SKIP_REASON);

test('sandboxed, isolated window with CSP; navigation and new windows are denied', async () => {
  const d = await launchDesktop();
  try {
    // Sandbox: not switched off for the app, and the OS reports the page's process as sandboxed
    // where it can tell (getAppMetrics' `sandboxed` is reported on macOS and Windows).
    const main = await d.app.evaluate(({ app, BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0]!.webContents;
      const pid = wc.getOSProcessId();
      return { noSandbox: app.commandLine.hasSwitch('no-sandbox'), sandboxed: app.getAppMetrics().find((m) => m.pid === pid)?.sandboxed, url: wc.getURL() };
    });
    expect(main.noSandbox).toBe(false);
    if (main.sandboxed !== undefined) expect(main.sandboxed).toBe(true);
    expect(main.url).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html/);

    // No Node in the page; only the named bridge, no raw ipcRenderer.
    const page = await d.window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: typeof (window as { psrBridge?: unknown }).psrBridge,
      ipc: typeof (window as { ipcRenderer?: unknown }).ipcRenderer,
      // contextBridge hands the page a frozen copy; without context isolation it would throw instead.
      isolated: Object.isFrozen((window as { psrBridge?: object }).psrBridge),
    }));
    expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: 'object', ipc: 'undefined', isolated: true });

    // CSP: declared, and eval is refused.
    await expect(d.window.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
    expect(await d.window.evaluate(() => {
      try {
        return String(eval('1 + 1'));
      } catch (e) {
        return (e as Error).name;
      }
    })).toBe('EvalError');

    // Navigation away and new windows are denied.
    await d.window.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await d.window.evaluate(() => window.open('https://example.com/', '_blank'));
    await expect.poll(() => d.window.url()).toMatch(/^file:/);
    expect(d.app.windows()).toHaveLength(1);
  } finally {
    await d.close();
  }
});
