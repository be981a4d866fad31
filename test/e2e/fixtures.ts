// Each test gets a fresh web-mode console (own data folder, port 0) and a page opened on it,
// waiting for the app to say it is loaded. The console process is the real `npm run web` command.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

export interface WebApp {
  url: string;
  origin: string;
  dataDir: string;
  recordingsDir: string;
  stdoutLines: string[];
  stderr: () => string;
  proc: ChildProcess;
  /** Restart the service on the same data folder (a "reload of the app"). */
  restart(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function startWebApp(dataDir: string, extraArgs: string[] = []): Promise<Omit<WebApp, 'restart'>> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'web', '--port', '0', '--no-build', '--data-dir', dataDir, ...extraArgs], {
    cwd: root,
    env: { ...process.env, PSR_LOG_LEVEL: process.env.PSR_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const rl = readline.createInterface({ input: proc.stdout! });
  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    rl.on('line', (line) => {
      stdoutLines.push(line);
      try {
        const ev = JSON.parse(line) as Record<string, string>;
        if (ev.event === 'ready') resolve(ev);
      } catch {
        /* not JSON */
      }
    });
    proc.once('exit', (code) => reject(new Error(`web mode exited with ${code} before ready:\n${stderr}`)));
  });
  return {
    url: ready.url!,
    origin: ready.origin!,
    dataDir,
    recordingsDir: ready.recordingsDir!,
    stdoutLines,
    stderr: () => stderr,
    proc,
  };
}

export async function stopWebApp(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** Opens the printed URL (its #secret=… fragment is kept by the page, never sent over HTTP). */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
}

export const test = base.extend<{ app: WebApp; appArgs: string[] }>({
  appArgs: [[], { option: true }],
  app: async ({ appArgs }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-e2e-'));
    let current = await startWebApp(dataDir, appArgs);
    const app: WebApp = {
      ...current,
      async restart() {
        await stopWebApp(current.proc);
        current = await startWebApp(dataDir, appArgs);
        Object.assign(app, current);
      },
    };
    await use(app);
    await stopWebApp(current.proc);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  page: async ({ page, app }, use) => {
    await openApp(page, app.url);
    await use(page);
  },
});

export { expect };
