#!/usr/bin/env node
// `npm test`: prepares the machine (scripts/test-deps.mjs: Chromium, sox, espeak-ng, curl, Python
// websockets — installed with apt where allowed), then unit/integration tests (Vitest), then
// end-to-end tests (Playwright, web mode), then one line `N passed, N failed` summing both.
// Exit code 1 if anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTestDeps } from './test-deps.mjs';

if (process.env.PSR_TEST_DEPS !== 'skip') {
  const found = ensureTestDeps();
  if (!found) {
    console.error('test-all: the tests need the tools above; nothing was run (PSR_TEST_DEPS=skip runs anyway).');
    process.exit(1);
  }
  // The tests use exactly what was found.
  if (found.chromium && !process.env.PSR_CHROMIUM) process.env.PSR_CHROMIUM = found.chromium;
  if (found['python-websockets'] && !process.env.PSR_PYTHON) process.env.PSR_PYTHON = found['python-websockets'];
}

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-test-reports-'));
const unitJson = path.join(reports, 'unit.json');
const e2eJson = path.join(reports, 'e2e.json');
const only = process.argv[2]; // optional: 'unit' or 'e2e'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function count(file, pick) {
  try {
    return pick(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let problems = [];

if (only !== 'e2e') {
  const code = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
  const c = count(unitJson, (j) => ({ p: j.numPassedTests, f: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0) }));
  if (!c) problems.push('unit tests produced no report');
  else {
    passed += c.p;
    failed += c.f;
  }
  if (code !== 0 && (!c || c.f === 0)) {
    failed += 1;
    problems.push(`vitest exited with ${code}`);
  }
}

if (only !== 'unit') {
  // Build the UI once; each e2e test starts web mode with --no-build.
  if (!fs.existsSync('out/renderer/index.html') || process.env.PSR_TEST_BUILD !== '0') {
    if (run(npx, ['electron-vite', 'build']) !== 0) {
      failed += 1;
      problems.push('the build for the e2e tests failed');
    }
  }
  const code = run(npx, ['playwright', 'test'], { PSR_E2E_JSON: e2eJson });
  const c = count(e2eJson, (j) => ({ p: j.stats.expected + (j.stats.flaky ?? 0), f: j.stats.unexpected }));
  if (!c) problems.push('end-to-end tests produced no report');
  else {
    passed += c.p;
    failed += c.f;
  }
  if (code !== 0 && (!c || c.f === 0)) {
    failed += 1;
    problems.push(`playwright exited with ${code}`);
  }
}

for (const p of problems) console.error(`test-all: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
