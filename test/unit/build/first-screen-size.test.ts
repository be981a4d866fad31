// The renderer is split by screen: the first screen (Home) loads the entry chunk, its static imports
// and the Home chunk, under 600 KB of JavaScript; CodeMirror and wavesurfer load only with the
// screens that use them. Read from a real build, following the import statements in the files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bundle-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const BUDGET = 600 * 1024;

describe('renderer bundle', () => {
  it('keeps the first screen under 600 KB and the editors out of it', { timeout: 180_000 }, () => {
    const r = spawnSync('npx', ['electron-vite', 'build', '--outDir', outDir], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout, 'the build prints the chunk sizes').toMatch(/first screen total/);

    const assets = path.join(outDir, 'renderer/assets');
    const read = (file: string) => fs.readFileSync(path.join(assets, file), 'utf8');
    const staticImports = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const m of read(file).matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)) staticImports(m[1]!, seen);
      return seen;
    };
    const html = fs.readFileSync(path.join(outDir, 'renderer/index.html'), 'utf8');
    const entry = /<script type="module"[^>]*src="\.\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const home = fs.readdirSync(assets).find((f) => /^HomeScreen-[\w-]+\.js$/.test(f));
    expect(home, 'Home is its own chunk').toBeDefined();
    const first = new Set([...staticImports(entry!), ...staticImports(home!)]);
    const bytes = [...first].reduce((n, f) => n + fs.statSync(path.join(assets, f)).size, 0);
    console.log(`first screen JavaScript: ${(bytes / 1024).toFixed(1)} KB in ${first.size} files (${[...first].join(', ')})`);
    expect(bytes).toBeLessThanOrEqual(BUDGET);

    const firstCode = [...first].map(read).join('\n');
    expect(firstCode).not.toContain('cm-editor');
    expect(firstCode.toLowerCase()).not.toContain('wavesurfer');
    const all = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(all.some((f) => read(f).includes('cm-editor')), 'CodeMirror is in some screen chunk').toBe(true);
  });
});
