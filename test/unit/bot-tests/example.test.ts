// The example scenario, run as written against bots with known reply timing.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/main/bot-tests/load-scenario';
import { runScenarios } from '../../../src/main/bot-tests/runner';
import { startTimedBot, type TimedBot } from '../../bots/timed-bot';
import { tempDir, writeExample } from './helpers';

let bot: TimedBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

describe('the example scenario', () => {
  it('passes against a bot that answers after 500 ms, with latencies within 40 ms of the truth', async () => {
    const dir = tempDir();
    const ex = writeExample(dir);
    bot = await startTimedBot({ greeting: ex.greeting, replies: [ex.reply, ex.goodbye], replyDelayMs: 500 });
    const compiled = await loadScenarioFile(ex.file);
    const run = await runScenarios([compiled], { botUrl: bot.url, recordDir: dir });
    const r = run.results[0]!;
    expect(r.failure).toBeUndefined();
    expect(r.passed).toBe(true);
    expect(r.steps.map((s) => s.status)).toEqual(Array(8).fill('passed'));
    expect(r.endReason).toBe('bot-hangup');
    expect(r.timeline.latencies).toHaveLength(2);
    for (const l of r.timeline.latencies) expect(Math.abs(l.latencyMs - 500)).toBeLessThanOrEqual(40);
    // The caller's last word as the runner knows it matches what the bot heard.
    r.timeline.latencies.forEach((l, i) => expect(Math.abs(l.lastWordMs - bot!.turnEnds[0]![i]!)).toBeLessThanOrEqual(2));
    expect(bot.queries[0]).toMatchObject({ danh_xung: 'anh', ma_kh: 'KH001', tenant: 'bot-tests', call_id: r.callId });
    const corr = r.expectations.find((e) => e.name === 'bot_audio[0]')!;
    expect(corr.passed).toBe(true);
    expect(fs.existsSync(r.recording!.full)).toBe(true);
    const meta = JSON.parse(fs.readFileSync(r.recording!.meta, 'utf8'));
    expect(meta).toMatchObject({ callId: r.callId, channel: 'stereo', legs: ['A', 'B'], reason: 'bot-hangup' });
  }, 30_000);

  it('fails at the first expect_reply against a bot that answers after 2.5 s, naming the measured latency', async () => {
    const dir = tempDir();
    const ex = writeExample(dir);
    bot = await startTimedBot({ greeting: ex.greeting, replies: [ex.reply, ex.goodbye], replyDelayMs: 2500 });
    const run = await runScenarios([await loadScenarioFile(ex.file)], { botUrl: bot.url });
    const r = run.results[0]!;
    expect(r.passed).toBe(false);
    const failed = r.steps.find((s) => s.status === 'failed')!;
    expect(failed.index).toBe(3);
    expect(failed.kind).toBe('expect_reply');
    expect(Math.abs(Number(failed.figures.latency_ms) - 2500)).toBeLessThanOrEqual(40);
    expect(failed.message).toMatch(/^expected a reply within 1500 ms; the bot's audio started 2\d{3} ms after the caller's last word$/);
    expect(r.failure).toContain('line 11');
    expect(r.steps.slice(4).every((s) => s.status === 'skipped')).toBe(true);
  }, 30_000);
});
