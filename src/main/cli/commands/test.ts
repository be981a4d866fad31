// `npm run cli -- test <files or folders…> --bot ws://… [--parallel N] [--junit F] [--json F] [--html F] [--record-dir D]`
// Runs bot-test scenarios against a bot, as PSR would call it. Exit 0 all passed, 1 a test failed,
// 2 a scenario file is invalid or the bot cannot be reached.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findScenarioFiles } from '../../bot-tests/load-scenario';
import { htmlReport } from '../../bot-tests/report-html';
import { junitXml } from '../../bot-tests/report-junit';
import { compileAll, exitCodeOf, runScenarios, type RunSummary } from '../../bot-tests/runner';
import type { TestResult } from '../../bot-tests/results';
import { CliUsageError, type CliCommand } from '../command';

const usage = `Usage: npm run cli -- test <scenario files or folders…> --bot ws://host/path [options]

Calls the bot once per scenario, as PSR would (connected, 20 ms media frames, closed), plays the
caller's side and checks what the scenario expects. Scenario format: docs/scenarios.md.

Options:
  --bot URL            the bot's WebSocket URL (ws:// or wss://); PSR's query parameters are added
  --parallel N         calls at a time (default 1, at most 64)
  --junit FILE         write JUnit XML (one testcase per scenario)
  --json FILE          write every result as JSON
  --html FILE          write a self-contained HTML report (waveforms, timeline, latencies, player)
  --record-dir DIR     keep each call's recording (full_<id>.wav, <id>.wav, <id>.meta.json)
  --trust-self-signed  accept a self-signed certificate from a wss:// bot
  -h, --help           this text

Folders are searched for .yaml, .yml and .json files. Progress and the summary go to stderr.
Exit code: 0 every test passed, 1 a test failed, 2 a scenario file is invalid or the bot is unreachable.`;

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

function progressLine(r: TestResult, i: number, total: number): string {
  const lat = r.timeline.latencies.map((l) => `${l.latencyMs}`).join('/');
  return `[${i}/${total}] ${r.passed ? 'PASS' : 'FAIL'} ${r.name} (${(r.durationMs / 1000).toFixed(1)} s${lat ? `, turn latency ${lat} ms` : ''})${r.failure ? `\n       ${r.failure}` : ''}`;
}

export function summaryTable(s: RunSummary, cwd = process.cwd()): string {
  const rows = [`${pad('result', 8)} ${pad('scenario', 44)} ${pad('file', 30)} ${pad('p95 turn', 9)} detail`];
  for (const r of s.results) {
    const lats = r.timeline.latencies.map((l) => l.latencyMs).sort((a, b) => a - b);
    const p95 = lats.length ? `${lats[Math.min(lats.length - 1, Math.ceil(0.95 * lats.length) - 1)]} ms` : '–';
    rows.push(`${pad(r.passed ? 'PASS' : 'FAIL', 8)} ${pad(r.name, 44)} ${pad(path.relative(cwd, r.file), 30)} ${pad(p95, 9)} ${r.failure ?? ''}`);
  }
  for (const inv of s.invalid) rows.push(`${pad('INVALID', 8)} ${pad('', 44)} ${pad(path.relative(cwd, inv.file), 30)} ${pad('–', 9)} ${inv.message}`);
  for (const u of s.unreachable) rows.push(`${pad('NO BOT', 8)} ${pad('', 44)} ${pad(path.relative(cwd, u.file), 30)} ${pad('–', 9)} ${u.message}`);
  rows.push(`${s.passed} passed, ${s.failed} failed${s.invalid.length ? `, ${s.invalid.length} invalid` : ''}${s.unreachable.length ? `, ${s.unreachable.length} not run (bot unreachable)` : ''} in ${(s.durationMs / 1000).toFixed(1)} s`);
  return rows.join('\n');
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}

export const testCommand: CliCommand = {
  name: 'test',
  summary: 'run bot-test scenarios against a bot (pass/fail, JUnit, HTML)',
  usage,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          bot: { type: 'string' },
          parallel: { type: 'string', default: '1' },
          junit: { type: 'string' },
          json: { type: 'string' },
          html: { type: 'string' },
          'record-dir': { type: 'string' },
          'trust-self-signed': { type: 'boolean', default: false },
        },
      });
    } catch (e) {
      throw new CliUsageError(e instanceof Error ? e.message : String(e));
    }
    const v = parsed.values;
    if (parsed.positionals.length === 0) throw new CliUsageError('expected at least one scenario file or folder');
    if (!v.bot || !/^wss?:\/\/[^\s/]+/.test(v.bot)) throw new CliUsageError(`--bot: expected a ws:// or wss:// URL${v.bot ? `, got '${v.bot}'` : ''}`);
    if (!/^\d+$/.test(v.parallel) || Number(v.parallel) < 1 || Number(v.parallel) > 64) throw new CliUsageError(`--parallel: expected a whole number from 1 to 64, got '${v.parallel}'`);
    let files: string[];
    try {
      files = await findScenarioFiles(parsed.positionals);
    } catch (e) {
      io.err(e instanceof Error ? e.message : String(e));
      return 2;
    }
    if (files.length === 0) {
      io.err(`no scenario files (.yaml, .yml, .json) in ${parsed.positionals.join(', ')}`);
      return 2;
    }
    const { compiled, invalid } = await compileAll(files);
    for (const inv of invalid) io.err(`INVALID ${inv.message}`);
    // The HTML report's player needs recordings: keep them in a temp folder when no --record-dir.
    const tempRec = !v['record-dir'] && v.html ? fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bot-test-')) : null;
    const recordDir = v['record-dir'] ? path.resolve(v['record-dir']) : (tempRec ?? undefined);
    let done = 0;
    const summary = await runScenarios(compiled, {
      botUrl: v.bot,
      parallel: Number(v.parallel),
      recordDir,
      trustSelfSigned: v['trust-self-signed'],
      signal: io.signal,
      onResult: (r) => io.err(progressLine(r, ++done, compiled.length)),
    });
    summary.invalid = invalid;
    for (const u of summary.unreachable) io.err(`BOT UNREACHABLE ${u.file}: ${u.message}`);
    io.err('\n' + summaryTable(summary));
    if (v.junit) write(v.junit, junitXml(summary));
    if (v.json) write(v.json, JSON.stringify({ bot: v.bot, passed: summary.passed, failed: summary.failed, invalid: summary.invalid, unreachable: summary.unreachable, durationMs: Math.round(summary.durationMs), results: summary.results }, null, 2));
    if (v.html) write(v.html, htmlReport(summary, v.html, v.bot));
    if (tempRec) fs.rmSync(tempRec, { recursive: true, force: true });
    return exitCodeOf(summary);
  },
};
