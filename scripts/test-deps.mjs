#!/usr/bin/env node
// Prepares a machine for the test suite: finds Chromium, sox, espeak-ng, curl and a Python 3 with
// `websockets`; on Debian/Ubuntu with apt rights (root or passwordless sudo) installs what is
// missing in one apt call; elsewhere prints the one-line install command for this system and exits 1.
//
//   node scripts/test-deps.mjs            check, install if allowed, print what was found
//   node scripts/test-deps.mjs --check    check only; exit 1 and print the command if anything is missing
//
// `npm test` and `.ci/run` both run it first. PSR_TEST_DEPS=skip turns it off (e.g. a hand-made setup).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the tests need, how to find it, and its package name per system. */
export const TOOLS = [
  { id: 'chromium', why: 'end-to-end tests (Playwright drives it)', apt: 'chromium', aptUbuntu: 'chromium-browser', brew: null, winget: null },
  { id: 'sox', why: 'test audio (resampling, measuring)', apt: 'sox', brew: 'sox', winget: 'ChrisBagwell.SoX' },
  { id: 'espeak-ng', why: 'spoken test audio and demo prompts', apt: 'espeak-ng', brew: 'espeak-ng', winget: 'eSpeak-NG.eSpeak-NG' },
  { id: 'curl', why: 'the "Copy as cURL" tests run the copied command', apt: 'curl', brew: 'curl', winget: 'cURL.cURL' },
  { id: 'python-websockets', why: 'a test bot written in Python', apt: 'python3-websockets', brew: null, winget: null },
];

const isWindows = process.platform === 'win32';

/** Every executable called `name` on PATH, in PATH order. */
function onPath(name, env) {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = isWindows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  const found = [];
  for (const dir of dirs) {
    for (const ext of exts) {
      const p = path.join(dir, name + ext);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) found.push(p);
      } catch {
        /* not here */
      }
    }
  }
  return found;
}

/** Playwright's own Chromium, when `npx playwright install chromium` has been run. */
function playwrightChromium() {
  try {
    const p = createRequire(import.meta.url)('playwright-core').chromium.executablePath();
    return p && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function findChromium(env) {
  if (env.PSR_CHROMIUM && fs.existsSync(env.PSR_CHROMIUM)) return env.PSR_CHROMIUM;
  const pw = playwrightChromium();
  if (pw) return pw;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const hit = onPath(name, env)[0];
    if (hit) return hit;
  }
  return null;
}

/** The first Python 3 (PSR_PYTHON, then every python3 on PATH) that can import websockets. */
function findPythonWithWebsockets(env) {
  const candidates = [...(env.PSR_PYTHON ? [env.PSR_PYTHON] : []), ...onPath('python3', env), ...(isWindows ? onPath('py', env) : [])];
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import websockets'], { env, stdio: 'ignore', timeout: 15_000 });
    if (r.status === 0) return py;
  }
  return null;
}

/** Finds every tool; returns {found: {id: path}, missing: [ids]}. */
export function checkTools(env = process.env) {
  const found = {};
  const missing = [];
  for (const tool of TOOLS) {
    let hit = null;
    if (tool.id === 'chromium') hit = findChromium(env);
    else if (tool.id === 'python-websockets') hit = findPythonWithWebsockets(env);
    else hit = onPath(tool.id, env)[0] ?? null;
    if (hit) found[tool.id] = hit;
    else missing.push(tool.id);
  }
  return { found, missing };
}

function osRelease() {
  try {
    const text = fs.readFileSync('/etc/os-release', 'utf8');
    const get = (k) => text.match(new RegExp(`^${k}="?([^"\\n]*)"?`, 'm'))?.[1] ?? '';
    return { id: get('ID'), like: get('ID_LIKE') };
  } catch {
    return { id: '', like: '' };
  }
}

/** The system: 'debian' | 'ubuntu' | 'macos' | 'windows' | 'other'. */
export function systemKind() {
  if (process.platform === 'darwin') return 'macos';
  if (isWindows) return 'windows';
  const { id, like } = osRelease();
  if (id === 'ubuntu' || like.includes('ubuntu')) return 'ubuntu';
  if (id === 'debian' || like.includes('debian')) return 'debian';
  return 'other';
}

/** The exact one-line command that installs `missing` on this kind of system. */
export function installCommand(missing, kind, asRoot) {
  const pick = (key) => missing.map((id) => TOOLS.find((t) => t.id === id)?.[key]).filter(Boolean);
  const needsChromium = missing.includes('chromium');
  const needsPyWs = missing.includes('python-websockets');
  if (kind === 'debian' || kind === 'ubuntu') {
    const pkgs = missing.map((id) => {
      const t = TOOLS.find((x) => x.id === id);
      return kind === 'ubuntu' && t.aptUbuntu ? t.aptUbuntu : t.apt;
    });
    const sudo = asRoot ? '' : 'sudo ';
    return `${sudo}apt-get update && ${sudo}apt-get install -y ${pkgs.join(' ')}`;
  }
  const parts = [];
  if (kind === 'macos') {
    const brew = pick('brew');
    if (brew.length) parts.push(`brew install ${brew.join(' ')}`);
    if (needsPyWs) parts.push('python3 -m pip install websockets');
  } else if (kind === 'windows') {
    const winget = pick('winget');
    if (winget.length) parts.push(winget.map((id) => `winget install -e --id ${id}`).join(' && '));
    if (needsPyWs) parts.push('py -m pip install websockets');
  } else {
    const names = missing.filter((id) => id !== 'chromium' && id !== 'python-websockets');
    if (names.length) parts.push(`install ${names.join(', ')} with your package manager`);
    if (needsPyWs) parts.push('python3 -m pip install websockets');
  }
  if (needsChromium) parts.push('npx playwright install chromium');
  return parts.join(' && ');
}

/** Can this process install Debian packages: root, or sudo without a password? */
function aptRights(env) {
  if (onPath('apt-get', env).length === 0) return null;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return 'root';
  if (onPath('sudo', env).length > 0 && spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' }).status === 0) return 'sudo';
  return null;
}

function aptInstall(missing, kind, how, env) {
  const pkgs = missing.map((id) => {
    const t = TOOLS.find((x) => x.id === id);
    return kind === 'ubuntu' && t.aptUbuntu ? t.aptUbuntu : t.apt;
  });
  const prefix = how === 'sudo' ? ['sudo', '-n'] : [];
  const run = (args) => spawnSync(prefix[0] ?? args[0], prefix.length ? [...prefix.slice(1), ...args] : args.slice(1), {
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'ignore', 'inherit'],
  }).status;
  console.error(`test-deps: installing with apt: ${pkgs.join(' ')}`);
  if (run(['apt-get', 'update', '-qq']) !== 0) return false;
  return run(['apt-get', 'install', '-y', '-qq', ...pkgs]) === 0;
}

/**
 * Checks, installs what is missing where allowed, and returns the found paths; on failure prints the
 * missing tools and the install command and returns null.
 */
export function ensureTestDeps({ env = process.env, checkOnly = false, log = console.error } = {}) {
  let { found, missing } = checkTools(env);
  if (missing.length === 0) return found;
  const kind = systemKind();
  const how = kind === 'debian' || kind === 'ubuntu' ? aptRights(env) : null;
  if (!checkOnly && how) {
    if (aptInstall(missing, kind, how, env)) ({ found, missing } = checkTools(env));
    if (missing.length === 0) return found;
  }
  log(`test-deps: missing for the tests: ${missing.join(', ')}`);
  for (const id of missing) log(`  - ${id}: ${TOOLS.find((t) => t.id === id).why}`);
  log('test-deps: install them with this command, then run the tests again:');
  log(`  ${installCommand(missing, kind, how === 'root')}`);
  return null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const checkOnly = process.argv.includes('--check');
  const found = ensureTestDeps({ checkOnly });
  if (!found) process.exit(1);
  for (const [id, p] of Object.entries(found)) console.error(`test-deps: ${id}: ${p}`);
}
