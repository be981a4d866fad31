// The command line: help for each command, a ready line, a clean stop on SIGTERM, clear port errors.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('cli', () => {
  it('lists the commands and has --help for each', () => {
    const top = cli(['--help']);
    expect(top.status).toBe(0);
    for (const name of ['web', 'sim', 'endpoint', 'call']) {
      expect(top.stdout).toContain(name);
      const help = cli([name, '--help']);
      expect(help.status, name).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: npm run (cli -- )?${name}`));
    }
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown command 'frobnicate'");
  });

  it('web prints a ready line with a secret URL and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-cli-'));
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'web', '--port', '0', '--no-build', '--data-dir', dataDir], { cwd: root });
    const lines = readline.createInterface({ input: proc.stdout });
    const events: Array<Record<string, unknown>> = [];
    const ready = await new Promise<Record<string, unknown>>((resolve) =>
      lines.on('line', (l) => {
        const ev = JSON.parse(l) as Record<string, unknown>;
        events.push(ev);
        if (ev.event === 'ready') resolve(ev);
      }),
    );
    expect(String(ready.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]{20,}$/);
    const exit = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(events.at(-1)).toEqual({ event: 'stopped' });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the port when it is already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-cli-'));
    const r = cli(['web', '--port', String(port), '--no-build', '--data-dir', dataDir]);
    blocker.close();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  });
});
