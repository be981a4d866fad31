// Runs the README's example locally: `npx artillery run examples/campaign.yml` (telemetry off) against
// the reply bot with a known delay, and checks Artillery printed the PSR metrics.
//   npm test   (in this folder; needs `npm install` here first, which installs Artillery)
// Exits 0 when the metrics are there and every call passed; 1 otherwise; 77 (skipped) without Artillery.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.ARTILLERY_BIN ?? path.join(pkg, 'node_modules', '.bin', 'artillery');
if (!fs.existsSync(bin)) {
  console.log(`artillery not installed (${bin}); run npm install in ${pkg} first`);
  process.exit(77);
}
const { startCampaignReplyBot } = await tsImport(path.resolve(pkg, '../../test/bots/campaign-reply-bot.ts'), import.meta.url);
const bot = await startCampaignReplyBot({ delayMs: 400 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-artillery-'));
for (const f of ['scenario.json', 'customers.csv', 'caller.wav']) fs.copyFileSync(path.join(pkg, 'examples', f), path.join(dir, f));
const yml = fs.readFileSync(path.join(pkg, 'examples', 'campaign.yml'), 'utf8').replace('ws://127.0.0.1:8000/server/ws', bot.url).replace('duration: 10', 'duration: 3');
fs.writeFileSync(path.join(dir, 'campaign.yml'), yml);
const out = await new Promise((resolve) => {
  let text = '';
  const p = spawn(bin, ['run', 'campaign.yml'], {
    cwd: dir,
    env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true', NODE_PATH: path.resolve(pkg, '..') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  p.stdout.on('data', (d) => (text += d));
  p.stderr.on('data', (d) => (text += d));
  p.on('exit', (code) => resolve({ code, text }));
});
await bot.close();
console.log(out.text.split('\n').filter((l) => /psr\.|vusers\.(created|completed|failed)|errors/.test(l)).join('\n'));
const count = (name) => Number(new RegExp(`${name.replace(/\./g, '\\.')}:\\s*\\.*\\s*(\\d+)`).exec(out.text)?.[1] ?? NaN);
const checks = [
  ['artillery exited 0', out.code === 0],
  ['psr.setup_ok counted', count('psr.setup_ok') > 0],
  ['every call passed', count('psr.calls_passed') === count('psr.setup_ok') && !/psr\.calls_failed/.test(out.text)],
  ['psr.turn_latency_ms histogram printed', /psr\.turn_latency_ms:/.test(out.text)],
  ['the bot received the calls', bot.stats().connections === count('psr.setup_ok')],
];
for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
