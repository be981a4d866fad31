// JUnit XML that CI systems read: one testcase per scenario; a failure names the step, its line and
// the measured figures; an invalid scenario file is an <error>.
import path from 'node:path';
import type { RunSummary } from './runner';
import type { TestResult } from './results';

export function xmlEscape(s: string): string {
  // Characters XML 1.0 forbids are dropped; the rest escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function figures(f: Record<string, number | string>): string {
  return Object.entries(f)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

export function stepLines(r: TestResult): string[] {
  return [
    ...r.steps.map((s) => `${s.status.toUpperCase().padEnd(7)} step ${s.index + 1} ${s.kind}${s.line !== null ? ` (line ${s.line})` : ''}${Object.keys(s.figures).length ? `  ${figures(s.figures)}` : ''}${s.message ? `  — ${s.message}` : ''}`),
    ...r.expectations.map((e) => `${(e.passed ? (e.warning ? 'WARN' : 'PASSED') : 'FAILED').padEnd(7)} expect.${e.name}  ${figures(e.figures)}  — ${e.message}`),
  ];
}

export function junitXml(summary: RunSummary, baseDir = process.cwd()): string {
  const rel = (f: string) => path.relative(baseDir, f) || f;
  const cases: string[] = [];
  for (const r of summary.results) {
    const body = stepLines(r).join('\n');
    const fail = r.passed ? '' : `\n      <failure message="${xmlEscape(r.failure ?? 'failed')}" type="${xmlEscape(r.steps.find((s) => s.status === 'failed')?.kind ?? 'expectation')}">${xmlEscape(body)}</failure>`;
    cases.push(
      `    <testcase classname="${xmlEscape(rel(r.file))}" name="${xmlEscape(r.name)}" time="${(r.durationMs / 1000).toFixed(3)}">${fail}\n      <system-out>${xmlEscape(`call_id=${r.callId} end=${r.endReason}\n${body}`)}</system-out>\n    </testcase>`,
    );
  }
  for (const inv of summary.invalid) cases.push(`    <testcase classname="${xmlEscape(rel(inv.file))}" name="${xmlEscape(path.basename(inv.file))}" time="0">\n      <error message="${xmlEscape(inv.message)}" type="${xmlEscape(inv.code)}"/>\n    </testcase>`);
  for (const u of summary.unreachable) cases.push(`    <testcase classname="${xmlEscape(rel(u.file))}" name="${xmlEscape(path.basename(u.file))}" time="0">\n      <error message="${xmlEscape(u.message)}" type="BOT_UNREACHABLE"/>\n    </testcase>`);
  const tests = cases.length;
  const errors = summary.invalid.length + summary.unreachable.length;
  const time = (summary.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="PSR bot tests" tests="${tests}" failures="${summary.failed}" errors="${errors}" time="${time}">`,
    `  <testsuite name="PSR bot tests" tests="${tests}" failures="${summary.failed}" errors="${errors}" skipped="0" time="${time}" timestamp="${new Date().toISOString().slice(0, 19)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
