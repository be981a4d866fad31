import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Budget for the JavaScript the first screen (Home) loads: the entry, its imports and the Home chunk. */
export const FIRST_SCREEN_JS_BUDGET = 600 * 1024;

/**
 * Prints every renderer JavaScript chunk with its size, grouped by what loads it, and the first
 * screen's total against the budget. Screens are split by React.lazy (src/renderer/src/screens/registry.ts).
 */
function chunkSizes(): Plugin {
  return {
    name: 'psr-chunk-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (file: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const dep of byFile.get(file)?.imports ?? []) closure(dep, seen);
        return seen;
      };
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
      const size = (file: string) => Buffer.byteLength(byFile.get(file)?.code ?? '');
      const entry = chunks.find((c) => c.isEntry);
      const home = chunks.find((c) => c.isDynamicEntry && c.facadeModuleId?.endsWith('HomeScreen.tsx'));
      const first = new Set([...(entry ? closure(entry.fileName) : []), ...(home ? closure(home.fileName) : [])]);
      const lines = chunks
        .sort((a, b) => size(b.fileName) - size(a.fileName))
        .map((c) => `${kb(size(c.fileName))}  ${c.fileName}${first.has(c.fileName) ? '  (first screen)' : c.isDynamicEntry ? '  (screen, on demand)' : ''}`);
      const total = [...first].reduce((n, f) => n + size(f), 0);
      const verdict = total <= FIRST_SCREEN_JS_BUDGET ? 'within' : 'OVER';
      console.log(`\nrenderer JavaScript chunks:\n${lines.join('\n')}\n${kb(total)}  first screen total (${verdict} the ${FIRST_SCREEN_JS_BUDGET / 1024} KB budget)\n`);
    },
  };
}

// main: ESM (electron-store is ESM-only). preload: CommonJS, because a sandboxed preload cannot be ESM.
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle everything else (the contract).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // Minified: the packaged page loads from disk, but parse time still grows with size.
      minify: true,
      // The first screen's budget is checked by the chunk report and a test; no generic warning.
      chunkSizeWarningLimit: 2048,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), chunkSizes()],
  },
});
