// `electron-vite build` produces the three bundles, and the sandboxed preload requires nothing but electron.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-build-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('build', () => {
  it('produces main (ESM), preload (CJS, self-contained) and renderer bundles', { timeout: 120_000 }, () => {
    const r = spawnSync('npx', ['electron-vite', 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const main = fs.readFileSync(path.join(outDir, 'main/index.js'), 'utf8');
    expect(main).toMatch(/from "electron"|from 'electron'/);
    const preload = fs.readFileSync(path.join(outDir, 'preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
    const html = fs.readFileSync(path.join(outDir, 'renderer/index.html'), 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/);
  });
});
