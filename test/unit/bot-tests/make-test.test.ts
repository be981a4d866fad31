// "Make a test from this call": a recorded demo call becomes a scenario that passes against the same
// demo bot and fails against a slower one (the demo bot with every reply held back 2.5 s).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BotCallControls, EndpointBot } from '../../../src/main/endpoint/bot';
import { EndpointService } from '../../../src/main/endpoint/endpoint-service';
import { silentLogger } from '../../../src/main/logger';
import { DemoCall, demoScriptLines } from '../../../src/main/demo/demo-call';
import { SimulatorService } from '../../../src/main/simulator/simulator-service';
import { loadScenarioFile } from '../../../src/main/bot-tests/load-scenario';
import { makeTestFromCall } from '../../../src/main/bot-tests/make-test';
import { runScenarios } from '../../../src/main/bot-tests/runner';
import { tempDir } from './helpers';

const resourcesDir = path.resolve(__dirname, '../../../resources');
const dir = tempDir();
const rec = path.join(dir, 'rec');
let endpoint: EndpointService;
let sim: SimulatorService;
let demoCall: DemoCall;

/** The demo bot, but every prompt after the greeting is sent `delayMs` late. */
function slower(bot: EndpointBot, delayMs: number): EndpointBot {
  const wrap = (call: BotCallControls): BotCallControls => {
    let sent = 0;
    return {
      callId: call.callId,
      query: call.query,
      sendMedia: (wav, opts) => (sent++ === 0 ? call.sendMedia(wav, opts) : void setTimeout(() => call.sendMedia(wav, opts), delayMs)),
      sendChunk: (p, f) => call.sendChunk(p, f),
      transfer: (e) => call.transfer(e),
      hangup: () => void setTimeout(() => call.hangup(), delayMs),
      log: (m) => call.log(m),
    };
  };
  const wrapped = new Map<string, BotCallControls>();
  const get = (c: BotCallControls) => wrapped.get(c.callId) ?? (wrapped.set(c.callId, wrap(c)), wrapped.get(c.callId)!);
  return {
    name: 'slow-demo',
    onConnected: (c) => bot.onConnected(get(c)),
    onVoiceActivity: (c, leg, speaking, t) => bot.onVoiceActivity?.(get(c), leg, speaking, t),
    onClosed: (c) => bot.onClosed?.(get(c)),
  };
}

beforeAll(() => {
  endpoint = new EndpointService({ dataDir: dir, recordingsDir: rec, logger: silentLogger });
  const start = endpoint.start.bind(endpoint);
  endpoint.start = (patch = {}) => start({ port: 0, ...patch });
  sim = new SimulatorService({ recordDir: path.join(rec, 'simulator'), resourcesDir, logger: silentLogger, token: () => 'token-for-tests', scriptLines: demoScriptLines(resourcesDir, silentLogger), overrides: { port: 0, language: 'en' } });
  demoCall = new DemoCall({ simulator: sim, endpoint, resourcesDir, logger: silentLogger });
});
afterAll(async () => {
  await sim.dispose();
  await endpoint.dispose();
});

it('turns a recorded demo call into a scenario that passes against the demo bot and fails against a slower one', async () => {
  const demo = await demoCall.start({ legB: 'script', language: 'en' });
  await sim.simulator!.calls.get(demo.callId)!.finished;

  const folder = path.join(dir, 'made');
  const made = await makeTestFromCall({ recordingsDir: rec, callId: demo.callId, folder, marginMs: 700, name: 'Demo call regression' });
  expect(made.says).toBeGreaterThanOrEqual(2);
  expect(made.latencies.length).toBeGreaterThanOrEqual(2);
  const doc = parse(fs.readFileSync(made.file, 'utf8'));
  expect(doc.call.parameter).toEqual({ psr_console_demo: 'en' });
  const kinds = doc.steps.map((s: unknown) => (typeof s === 'string' ? s : Object.keys(s as object)[0]));
  expect(kinds.filter((k: string) => k === "say").length).toBeGreaterThanOrEqual(2);
  expect(kinds[0]).toBe("expect_bot_audio");
  expect(kinds.at(-1)).toBe("expect_hangup");
  expect(fs.readdirSync(folder).filter((f) => f.endsWith('.wav'))).toHaveLength(made.says);

  const compiled = await loadScenarioFile(made.file);
  const same = await runScenarios([compiled], { botUrl: demo.botUrl });
  expect(same.results[0]!.failure).toBeUndefined();
  expect(same.results[0]!.passed).toBe(true);

  endpoint.setBot(slower(demoCall.bot, 2500));
  const slow = await runScenarios([compiled], { botUrl: demo.botUrl });
  const r = slow.results[0]!;
  expect(r.passed).toBe(false);
  const failed = r.steps.find((s) => s.status === 'failed')!;
  expect(failed.kind).toBe('expect_reply');
  expect(Number(failed.figures.latency_ms)).toBeGreaterThan(made.latencies[0]! + 700);
}, 120_000);
