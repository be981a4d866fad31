// A profile round trip through IPC: created in the window, listed back, kept across a restart, and
// the token never reaches the renderer (page text, DOM, what the bridge returns).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { electronBinary, launchDesktop, SKIP_REASON } from './electron-app';

test.skip(!electronBinary(), SKIP_REASON);

const TOKEN = 'desktop-secret-token-7d41c9';

test('profile saved through IPC, listed and kept after a restart; the token stays in main', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-electron-'));
  try {
    let d = await launchDesktop({ userData });
    const w = d.window;
    await w.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await w.getByRole('button', { name: 'New profile' }).click();
    await w.getByLabel('Name', { exact: true }).fill('Desktop PSR');
    await w.getByLabel('Base URL').fill('https://psr.example.com');
    await w.getByLabel('Token', { exact: true }).fill(TOKEN);
    await w.getByRole('button', { name: 'Save' }).click();
    const row = w.getByRole('row', { name: /Desktop PSR/ });
    await expect(row).toContainText('…' + TOKEN.slice(-4));

    const seen = await w.evaluate(async () => {
      const listed = await (window as unknown as { psrBridge: { invoke(n: string, a?: unknown): Promise<unknown> } }).psrBridge.invoke('profiles:list', {});
      return JSON.stringify(listed) + document.documentElement.outerHTML + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    });
    expect(seen).toContain('Desktop PSR');
    expect(seen).not.toContain(TOKEN);
    await d.close();

    d = await launchDesktop({ userData });
    await d.window.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await expect(d.window.getByRole('row', { name: /Desktop PSR/ })).toContainText('…' + TOKEN.slice(-4));
    await d.close();
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
