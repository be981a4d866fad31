#!/usr/bin/env node
// Doyensec electronegativity over src/: fails on any high or medium finding.
// PRELOAD_JS_CHECK is only a reminder to review the preload (it always fires when one exists).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'egty-')), 'report.csv');
const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electronegativity', '-i', 'src', '-o', out, '-r'], {
  encoding: 'utf8',
});
if (!fs.existsSync(out)) {
  console.error(r.stdout, r.stderr);
  console.error('electronegativity produced no report');
  process.exit(1);
}
const unq = (s = '') => s.replace(/^"|"$/g, '');
const lines = fs.readFileSync(out, 'utf8').trim().split('\n').slice(1);
const findings = lines
  .map((l) => l.split(','))
  .map((c) => ({ issue: c[0], severity: unq(c[1]).toUpperCase(), confidence: unq(c[2]), file: unq(c[3]), location: unq(c[4]) }));
const ignored = new Set(['PRELOAD_JS_CHECK']);
const serious = findings.filter((f) => (f.severity.includes('HIGH') || f.severity.includes('MEDIUM')) && !ignored.has(f.issue));
for (const f of findings) console.log(`${f.severity.padEnd(8)} ${f.issue.padEnd(40)} ${f.file}:${f.location}${ignored.has(f.issue) ? '  (reminder: preload reviewed)' : ''}`);
console.log(`electronegativity: ${findings.length} findings, ${serious.length} high/medium`);
process.exit(serious.length ? 1 : 0);
