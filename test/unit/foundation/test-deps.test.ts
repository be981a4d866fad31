// The test-dependency script on a machine that lacks tools: a PATH made of shims, run as a user
// without apt rights (a real unprivileged user when the tests run as root).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve('scripts/test-deps.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function shimDir(shims: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-deps-'));
  dirs.push(dir);
  fs.chmodSync(dir, 0o755);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { mode: 0o755 });
  for (const [name, body] of Object.entries(shims)) {
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return dir;
}

/** Runs the script with PATH = the shims only; as an unprivileged user when we are root. */
function runDeps(dir: string, args: string[] = []) {
  const env = { PATH: path.join(dir, 'bin'), HOME: dir, PLAYWRIGHT_BROWSERS_PATH: path.join(dir, 'no-browsers') };
  const asRoot = process.getuid?.() === 0;
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  if (asRoot && !setpriv) throw new Error('running as root needs setpriv (util-linux) to test as an unprivileged user');
  const cmd = asRoot ? (setpriv as string) : process.execPath;
  const argv = asRoot
    ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, script, ...args]
    : [script, ...args];
  return spawnSync(cmd, argv, { env, encoding: 'utf8', timeout: 30_000 });
}

const debian = (() => {
  try {
    return /^ID(_LIKE)?="?[^\n]*debian/m.test(fs.readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
})();

describe('scripts/test-deps.mjs', () => {
  it('names exactly the missing tools and the install command, and exits non-zero without apt rights', () => {
    const dir = shimDir({
      curl: 'exit 0',
      python3: 'exit 1', // a Python without websockets: not good enough
      'apt-get': `touch "${'$HOME'}/apt-called"; exit 0`,
    });
    const r = runDeps(dir);
    expect(r.status).toBe(1);
    const missingLine = r.stderr.split('\n').find((l) => l.startsWith('test-deps: missing'));
    expect(missingLine).toBe('test-deps: missing for the tests: chromium, sox, espeak-ng, python-websockets');
    expect(r.stderr).not.toMatch(/- curl:/);
    if (debian) {
      expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y chromium sox espeak-ng python3-websockets');
    } else {
      expect(r.stderr).toMatch(/install.*sox/);
    }
    expect(fs.existsSync(path.join(dir, 'apt-called'))).toBe(false);
  });

  it('passes and names what it found when every tool is there', () => {
    const dir = shimDir({ chromium: 'exit 0', sox: 'exit 0', 'espeak-ng': 'exit 0', curl: 'exit 0', python3: 'exit 0' });
    const r = runDeps(dir, ['--check']);
    expect(r.stderr).toBe(
      ['chromium', 'sox', 'espeak-ng', 'curl']
        .map((t) => `test-deps: ${t}: ${path.join(dir, 'bin', t)}\n`)
        .join('') + `test-deps: python-websockets: ${path.join(dir, 'bin', 'python3')}\n`,
    );
    expect(r.status).toBe(0);
  });
});
