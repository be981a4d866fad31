// Conformance over a real socket: a bot sending 16 kHz WAVs in `media` (as the vendor's demo bot
// does) is played resampled and reported; `conformance: { media_sample_rate: fail }` fails the test.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/main/bot-tests/load-scenario';
import { runScenarios } from '../../../src/main/bot-tests/runner';
import { startTimedBot, tone, wav16, type TimedBot } from '../../bots/timed-bot';
import { syllables, tempDir } from './helpers';

let bot: TimedBot | null = null;
afterAll(async () => bot?.close());

it('warns by default and fails at level fail on a 16 kHz media WAV; latency is still measured', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'line.wav'), wav16(syllables(500), 8000));
  const steps = 'steps:\n  - expect_bot_audio: { within_ms: 2000 }\n  - wait_bot_quiet: { ms: 300 }\n  - say: line.wav\n  - expect_reply: { within_ms: 1500 }\n';
  fs.writeFileSync(path.join(dir, 'warn.yaml'), `name: warn\n${steps}`);
  fs.writeFileSync(path.join(dir, 'fail.yaml'), `name: fail\n${steps}expect:\n  conformance: { media_sample_rate: fail }\n`);
  bot = await startTimedBot({ greeting: tone(400, 440), replies: [tone(300, 660)], replyDelayMs: 400, wavRate: 16000 });
  const run = await runScenarios([await loadScenarioFile(path.join(dir, 'warn.yaml')), await loadScenarioFile(path.join(dir, 'fail.yaml'))], { botUrl: bot.url, parallel: 2 });
  const warn = run.results.find((r) => r.name === 'warn')!;
  const fail = run.results.find((r) => r.name === 'fail')!;
  expect(warn.passed).toBe(true);
  expect(warn.expectations.find((e) => e.name === 'conformance.media_sample_rate')).toMatchObject({ passed: true, warning: true });
  expect(fail.passed).toBe(false);
  expect(fail.failure).toContain('expect.conformance.media_sample_rate: 2×: a media WAV at 16000 Hz');
  for (const r of run.results) {
    const call = bot.queries.findIndex((q) => q.call_id === r.callId);
    expect(Math.abs(r.timeline.latencies[0]!.latencyMs - bot.replyLatencies[call]![0]!)).toBeLessThanOrEqual(40);
  }
}, 30_000);
