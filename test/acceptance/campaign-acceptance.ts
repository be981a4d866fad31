// Campaign acceptance (minutes, not part of npm test): `npm run campaign:acceptance [-- --calls 200 --turns 36]`
// 200 concurrent calls for about 60 s against a bot on this machine whose reply delay is known
// (test/bots/campaign-reply-bot.ts, 500 ms), every call a different customer row:
//   1. exit 0, 100 % set up, every customer's columns received by the bot (the bot checks),
//      every measured turn latency within 40 ms of the bot's real reply timing: the time the bot
//      logged sending its reply (epoch ms, its own clock reading) − the time the generator logged
//      sending the frame with the caller's last word. Also printed (not checked): how long the end of
//      speech took to reach the bot (its "heard" time − the last word as sent: the bot's own lag
//      under load) and the report's figures against the bot's intended delay;
//   2. the same run with --max-p95-turn-ms below the bot's delay exits 1.
// Prints the figures and the load average; exits non-zero when a check fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CampaignResult } from '../../src/main/campaign/campaign-types';
import { writeCampaignFixtures } from '../unit/campaign/fixtures';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200' }, turns: { type: 'string', default: '36' }, delay: { type: 'string', default: '500' } } });
const calls = Number(values.calls);
const delay = Number(values.delay);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const fx = writeCampaignFixtures({ turns: Number(values.turns), customers: calls });
let failures = 0;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

function node(args: string[], stdout: (line: string) => void): { done: Promise<number>; kill(): void } {
  const p = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let buf = '';
  p.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      stdout(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  return { done: new Promise((r) => p.on('exit', (code) => r(code ?? 2))), kill: () => p.kill('SIGTERM') };
}

interface Truth {
  stats: Record<string, unknown>;
  delays: Record<string, number[]>;
  times: Record<string, { heardAt: number; sentAt: number }[]>;
}

async function runOnce(extra: string[], reportDir: string): Promise<{ exit: number; truth: Truth; report: CampaignResult }> {
  const truthFile = path.join(fx.dir, `truth-${path.basename(reportDir)}.json`);
  let url = '';
  let ready!: () => void;
  const up = new Promise<void>((r) => (ready = r));
  const bot = node(['test/bots/campaign-reply-bot.ts', '--delay', String(delay), '--customers', fx.customers, '--key', 'ma_kh', '--truth', truthFile], (line) => {
    if (!url && line.startsWith('{"port"')) {
      url = (JSON.parse(line) as { url: string }).url;
      ready();
    }
  });
  await up;
  const cli = node(['src/main/cli/index.ts', 'campaign', '--bot', url, '--scenario', fx.scenario, '--customers', fx.customers, '--concurrency', String(calls), '--ramp', '50', '--report', reportDir, '--record-sample', '3', ...extra], () => {});
  const exit = await cli.done;
  bot.kill();
  await bot.done;
  return { exit, truth: JSON.parse(fs.readFileSync(truthFile, 'utf8')), report: JSON.parse(fs.readFileSync(path.join(reportDir, 'report.json'), 'utf8')) };
}

console.log(`campaign acceptance: ${calls} calls, bot delay ${delay} ms, fixtures in ${fx.dir}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const a = await runOnce([], path.join(fx.dir, 'report-pass'));
const s = a.report.summary;
console.log(`run 1: exit ${a.exit}; ${s.setupOk}/${s.calls} set up, ${s.passed} passed; turn p50 ${s.turnP50} p95 ${s.turnP95} ms over ${s.turns} turns; pacing p99 ${s.pacingP99} ms; load ${s.loadAvg.map((x) => x.toFixed(2)).join(' ')}; ${a.report.durationS} s`);
check(a.exit === 0, 'exit 0');
check(s.setupOk === calls && s.calls === calls, `100 % set up (${s.setupOk}/${calls})`);
const st = a.truth.stats as { customersMatched: number; mismatches: string[] };
check(st.customersMatched === calls && st.mismatches.length === 0, `the bot received every customer's columns (${st.customersMatched}/${calls}; mismatches ${JSON.stringify(st.mismatches.slice(0, 3))})`);
const off: number[] = [];
const inbound: number[] = [];
const vsIntended: number[] = [];
let untimed = 0;
for (const row of a.report.rows) {
  const times = a.truth.times[row.callId] ?? [];
  row.turnLatenciesMs.forEach((l, i) => {
    vsIntended.push(l - delay);
    const t = times[i];
    const end = row.turnSpeechEndAt[i];
    if (!t || end === null || end === undefined) return void untimed++;
    off.push(Math.abs(l - (t.sentAt - end)));
    inbound.push(t.heardAt - end);
  });
}
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const fig = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} p99 ${pct(xs, 99).toFixed(1)} max ${pct(xs, 100).toFixed(1)} ms`;
console.log(`turn latency − (bot's send time − last word as sent): ${fig(off)} over ${off.length} turns (${untimed} without a bot log entry)`);
console.log(`end of speech reaching the bot (its heard time − last word as sent): ${fig(inbound)}`);
console.log(`turn latency − the bot's intended delay (${delay} ms): ${fig(vsIntended)}`);
check(off.length === s.turns && untimed === 0 && pct(off, 100) <= 40, `every turn latency within 40 ms of the bot's real reply timing (worst ${pct(off, 100).toFixed(1)} ms over ${off.length} of ${s.turns} turns)`);
const b = await runOnce(['--max-p95-turn-ms', String(delay - 100)], path.join(fx.dir, 'report-fail'));
console.log(`run 2 (--max-p95-turn-ms ${delay - 100}): exit ${b.exit}; turn p95 ${b.report.summary.turnP95} ms`);
check(b.exit === 1, 'exit 1 when p95 turn latency is above the threshold');
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
console.log(`reports: ${fx.dir}/report-pass/report.html, ${fx.dir}/report-fail/report.html`);
process.exit(failures ? 1 : 0);
