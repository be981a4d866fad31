// `npm run cli -- test`: exit codes, progress, JUnit and HTML, against a Node bot and a Python bot.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimedBot, type TimedBot } from '../../bots/timed-bot';
import { tempDir, writeExample } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/main/cli/index.ts'), 'test', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let ex: ReturnType<typeof writeExample>;
const bots: TimedBot[] = [];
beforeAll(() => {
  dir = tempDir();
  ex = writeExample(dir);
});
afterAll(async () => {
  for (const b of bots) await b.close();
});

describe('cli test', () => {
  it('exits 0 when the example passes, with a progress line, a summary, JUnit and a self-contained HTML report', async () => {
    const bot = await startTimedBot({ greeting: ex.greeting, replies: [ex.reply, ex.goodbye], replyDelayMs: 500 });
    bots.push(bot);
    const junit = path.join(dir, 'out/junit.xml');
    const html = path.join(dir, 'out/report.html');
    const r = await cli([ex.file, '--bot', bot.url, '--junit', junit, '--html', html, '--json', path.join(dir, 'out/r.json')]);
    expect(r.stderr).toContain('[1/1] PASS Billing bot greets, answers twice and hangs up');
    expect(r.stderr).toMatch(/1 passed, 0 failed/);
    expect(r.code).toBe(0);
    const xml = fs.readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="1" failures="0" errors="0"');
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('data:audio/wav;base64,');
    expect(page).not.toMatch(/(src|href)="https?:/);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out/r.json'), 'utf8'));
    expect(json.results[0].timeline.latencies).toHaveLength(2);
  }, 60_000);

  it('exits 1 against a bot that answers after 2.5 s; the JUnit failure names the step, its line and the latency', async () => {
    const bot = await startTimedBot({ greeting: ex.greeting, replies: [ex.reply, ex.goodbye], replyDelayMs: 2500 });
    bots.push(bot);
    const junit = path.join(dir, 'slow.xml');
    const r = await cli([ex.file, '--bot', bot.url, '--junit', junit]);
    expect(r.code).toBe(1);
    const xml = fs.readFileSync(junit, 'utf8');
    expect(xml).toContain('failures="1"');
    expect(xml).toMatch(/<failure message="step 4 \(expect_reply, line 11\): expected a reply within 1500 ms; the bot&apos;s audio started 2(4[6-9]\d|5[0-3]\d) ms after the caller&apos;s last word" type="expect_reply">/);
  }, 60_000);

  it('exits 2 for an invalid file, naming the file, line and field, and for an unreachable bot', async () => {
    const bad = path.join(dir, 'bad', 'bad.yaml');
    fs.mkdirSync(path.dirname(bad));
    fs.writeFileSync(bad, 'name: bad\nsteps:\n  - say: caller.wav\n  - expect_reply: { within_ms: -5 }\n');
    const r = await cli([bad, '--bot', 'ws://127.0.0.1:9/bot']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:`);
    expect(r.stderr).toContain("field 'steps[1].expect_reply.within_ms'");
    const good = path.join(dir, 'bad', 'ok.yaml');
    fs.writeFileSync(good, 'name: ok\nsteps:\n  - silence: 100\n');
    const u = await cli([good, '--bot', 'ws://127.0.0.1:9/bot']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('BOT UNREACHABLE');
  }, 60_000);

  it('runs against a bot written in Python (websockets), which receives the scenario’s query parameters', async () => {
    const py: ChildProcess = spawn('/usr/bin/python3', [path.join(ROOT, 'test/bots/timed_bot.py'), '--port', '0', '--reply-ms', '700', '--turns', '1']);
    try {
      const lines = readline.createInterface({ input: py.stdout! });
      const seen: Record<string, unknown>[] = [];
      const port = await new Promise<number>((resolve, reject) => {
        py.once('exit', (c) => reject(new Error(`python bot exited ${c}`)));
        lines.on('line', (l) => {
          const m = JSON.parse(l);
          seen.push(m);
          if (m.event === 'ready') resolve(m.port);
        });
      });
      const file = path.join(dir, 'py', 'python.yaml');
      fs.mkdirSync(path.dirname(file));
      fs.copyFileSync(path.join(dir, 'caller-1.wav'), path.join(dir, 'py', 'caller-1.wav'));
      fs.writeFileSync(
        file,
        'name: Python bot\ncall: { channel: mono_b, parameter: { ma_kh: KH042 } }\nsteps:\n  - expect_query: { ma_kh: KH042, tenant: bot-tests }\n  - expect_bot_audio: { within_ms: 2000 }\n  - wait_bot_quiet: { ms: 300 }\n  - say: caller-1.wav\n  - expect_reply: { within_ms: 1000 }\n  - expect_hangup: { within_ms: 5000 }\nexpect:\n  protocol: strict\n',
      );
      const json = path.join(dir, 'py.json');
      const r = await cli([file, '--bot', `ws://127.0.0.1:${port}/psr`, '--json', json]);
      expect(r.stderr).toContain('PASS Python bot');
      expect(r.code).toBe(0);
      const lat = JSON.parse(fs.readFileSync(json, 'utf8')).results[0].timeline.latencies[0].latencyMs;
      // The Python bot aims at 700 ms; it can only be late (a slow interpreter under load), never early.
      expect(lat).toBeGreaterThanOrEqual(690);
      expect(lat).toBeLessThanOrEqual(800);
      expect(seen.find((m) => m.event === 'call')).toMatchObject({ query: { ma_kh: 'KH042', tenant: 'bot-tests' } });
    } finally {
      py.kill();
    }
  }, 60_000);
});
