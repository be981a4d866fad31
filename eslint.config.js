// Lint: typescript-eslint + where-code-may-run rules (see docs/ARCHITECTURE.md).
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnly = {
  name: 'electron',
  message: 'Only src/main/electron/ and src/main/index.ts may import electron; services must run under plain Node (web mode, CLI, tests).',
};
const noNodeInBrowser = nodeBuiltins.map((name) => ({ name, message: 'The renderer and src/shared run without Node: no Node built-ins here.' }));
// npm packages that need Node (sockets, HTTP clients, multipart parsing, certificates, files on disk).
// Packages not listed here (zod, i18next, wavefile, mpg123-decoder, lamejs…) run in a browser too.
const nodeOnlyPackages = ['ws', 'undici', 'busboy', 'selfsigned', 'conf', 'electron-store'];
const noNodePackages = nodeOnlyPackages.map((name) => ({ name, message: `${name} needs Node: use it in src/main only.` }));
const noNodePackagePaths = { group: nodeOnlyPackages.map((name) => `${name}/*`), message: 'This package needs Node: use it in src/main only.' };

/**
 * Relative imports across the four places code runs: src/shared imports only src/shared;
 * src/main, src/renderer and src/preload import themselves and src/shared, never each other.
 */
const ALLOWED_LAYERS = { shared: ['shared'], main: ['main', 'shared'], renderer: ['renderer', 'shared'], preload: ['preload', 'shared'] };
const srcRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');
const layerOf = (file) => {
  const r = path.relative(srcRoot, file);
  if (r.startsWith('..') || path.isAbsolute(r)) return null;
  return r.split(path.sep)[0] ?? null;
};
const boundaries = {
  rules: {
    layers: {
      meta: { type: 'problem', docs: { description: 'relative imports stay within the layers a file may use' }, schema: [] },
      create(context) {
        const from = layerOf(context.filename);
        const allowed = from ? ALLOWED_LAYERS[from] : null;
        if (!allowed) return {};
        const check = (source) => {
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const to = layerOf(path.resolve(path.dirname(context.filename), source.value));
          if (to === null || allowed.includes(to)) {
            if (to === null) context.report({ node: source, message: `'${source.value}' leaves src/: code in src/${from} imports src/ only.` });
            return;
          }
          context.report({ node: source, message: `src/${from} may not import src/${to} ('${source.value}'): src/${from} uses ${allowed.map((l) => `src/${l}`).join(' and ')} only.` });
        };
        return {
          ImportDeclaration: (n) => check(n.source),
          ExportAllDeclaration: (n) => check(n.source),
          ExportNamedDeclaration: (n) => check(n.source),
          ImportExpression: (n) => check(n.source),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'src/renderer/public/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    rules: { 'boundaries/layers': 'error' },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [...noNodeInBrowser, ...noNodePackages, { name: 'electron', message: 'The renderer talks to main only through src/renderer/src/api/client.ts.' }], patterns: [noNodePackagePaths] },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNodeInBrowser, ...noNodePackages, { name: 'electron', message: 'src/shared runs everywhere: no electron.' }], patterns: [noNodePackagePaths] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
