// SimulatorService (what the UI talks to) and the demo bot's turn-taking, without the endpoint.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorStatusSchema } from '../../../src/shared/contract/simulator';
import { silentLogger } from '../../../src/main/logger';
import { DemoBot } from '../../../src/main/demo-bot/demo-bot';
import type { Prompt } from '../../../src/main/demo-bot/prompts';
import type { BotCallControls } from '../../../src/main/endpoint/bot';
import { MicLegB, ScriptLegB } from '../../../src/main/simulator/leg-b';
import { SimulatorService } from '../../../src/main/simulator/simulator-service';
import { startTestBot, tempDir, TOKEN } from './sim-fixtures';

const resourcesDir = path.resolve(__dirname, '../../../resources');
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

function memorySettings() {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, set: (k: string, v: unknown) => void m.set(k, v), delete: (k: string) => void m.delete(k), path: '(memory)', resets: () => [], recordReset: () => {}, clearResets: () => {}, map: m };
}

describe('SimulatorService', () => {
  it('status never carries the token; settings persist; a busy port falls back for ensureRunning', async () => {
    const settings = memorySettings();
    const events: unknown[] = [];
    const svc = new SimulatorService({
      recordDir: tempDir(),
      resourcesDir,
      logger: silentLogger,
      settings,
      token: () => TOKEN,
      emit: { changed: (s) => events.push(s), legAudio: () => {} },
      overrides: { port: 0 },
    });
    disposers.push(() => svc.dispose());
    const first = await svc.start();
    expect(simulatorStatusSchema.parse(first).running).toBe(true);
    expect(JSON.stringify(first)).not.toContain(TOKEN);
    expect(first.tokenLast4).toBe(TOKEN.slice(-4));
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(TOKEN);

    const saved = svc.saveSettings({ maxCallSeconds: 42, legB: 'silence', port: Number(new URL(first.baseUrl!).port) });
    expect(saved.settings).toMatchObject({ maxCallSeconds: 42, legB: 'silence' });
    expect(settings.map.get('simulator')).toMatchObject({ maxCallSeconds: 42 });

    // A second service configured for the same (now busy) port: start() reports it, ensureRunning() falls back.
    const other = new SimulatorService({ recordDir: tempDir(), resourcesDir, logger: silentLogger, settings, token: () => TOKEN });
    disposers.push(() => other.dispose());
    await expect(other.start()).rejects.toMatchObject({ code: 'SIM_PORT_IN_USE', field: 'port' });
    const { baseUrl } = await other.ensureRunning();
    expect(baseUrl).not.toBe(first.baseUrl);
  });

  it('recording: refused while the call runs, served (base64 WAV) after; mic frames reach a mic call only', async () => {
    const bot = await startTestBot();
    disposers.push(() => bot.close());
    const svc = new SimulatorService({ recordDir: tempDir(), resourcesDir, logger: silentLogger, token: () => TOKEN, overrides: { port: 0, ringSeconds: 0, legB: 'mic' } });
    disposers.push(() => svc.dispose());
    await svc.start();
    const call = svc.simulator!.createCall({ url: bot.url, destination: '0900', app: 'bot', channel: 'mono_b', extension: null, isSilence: true, audio: null, audioFileName: null, parameter: null });
    const conn = await bot.nextConnection();
    await conn.waitFor((m) => m.event === 'media');
    await expect(svc.recording(call.id, 'full')).rejects.toMatchObject({ code: 'SIM_RECORDING_NOT_READY' });
    // 600 ms of a loud square wave from "the microphone", in 40 ms frames.
    const frame = new Int16Array(320).map((_, i) => (i % 16 < 8 ? 12000 : -12000));
    const b64 = Buffer.from(frame.buffer).toString('base64');
    for (let i = 0; i < 15; i++) expect(svc.micFrames(b64, call.id)).toBe(1);
    expect(svc.micFrames(b64, 'some-other-call')).toBe(0);
    await conn.waitFor((m) => m.event === 'media' && Buffer.from(m.media!.payload, 'base64').readInt16LE(0) !== 0);
    await svc.hangup(call.id);
    const rec = await svc.recording(call.id, 'mixed');
    expect(rec.name).toBe(`${call.id}.wav`);
    expect(Buffer.from(rec.base64, 'base64').subarray(0, 4).toString()).toBe('RIFF');
    await expect(svc.recording('../../etc/passwd', 'full')).rejects.toMatchObject({ code: 'SIM_CALL_NOT_FOUND' });
    expect(svc.status().calls[0]).toMatchObject({ callId: call.id, legB: 'mic', recordingsReady: true, reason: 'customer-hangup' });
    expect(fs.existsSync(call.metaPath)).toBe(true);
  });
});

describe('leg B sources', () => {
  it('script: speaks a line only after the bot stopped talking, then waits for the next turn', () => {
    const line = new Int16Array(800).fill(5000); // 100 ms
    const legB = new ScriptLegB([line, line], 60_000);
    const out = new Int16Array(160);
    const loud = new Int16Array(160).fill(8000);
    const quiet = new Int16Array(160);
    const spoke: number[] = [];
    const feed = (a: Int16Array, frames: number) => {
      for (let i = 0; i < frames; i++) {
        legB.pull(out, a);
        spoke.push(out[0]!);
      }
    };
    feed(quiet, 50); // the bot says nothing for 1 s: nothing said (opening wait is 60 s here)
    expect(spoke.every((v) => v === 0)).toBe(true);
    feed(loud, 25); // the bot talks for 0.5 s
    expect(legB.linesSpoken).toBe(0);
    feed(quiet, 30); // the bot stops: after the VAD's hangover the first line plays
    expect(legB.linesSpoken).toBe(1);
    feed(quiet, 50); // no new bot turn: no second line
    expect(legB.linesSpoken).toBe(1);
    feed(loud, 10);
    feed(quiet, 30);
    expect(legB.linesSpoken).toBe(2);
  });

  it('mic: prebuffers, plays in order, drops the oldest audio beyond 300 ms', () => {
    const mic = new MicLegB(300, 480);
    const out = new Int16Array(160);
    mic.push(new Int16Array(320).fill(1));
    mic.pull(out);
    expect(out[0]).toBe(0); // still prebuffering
    mic.push(new Int16Array(320).fill(2));
    mic.pull(out);
    expect(out[0]).toBe(1);
    for (let i = 0; i < 20; i++) mic.push(new Int16Array(320).fill(3 + i)); // 800 ms at once
    mic.pull(out);
    expect(out[0]).toBeGreaterThan(3); // the oldest frames were dropped
  });
});

describe('DemoBot', () => {
  function fakeCall(query: Record<string, string> = { psr_console_demo: 'en' }) {
    const sent: string[] = [];
    let hungUp = 0;
    const call: BotCallControls = {
      callId: 'c1',
      query,
      sendMedia: (_wav, o) => void sent.push(`${o?.label}:${o?.isSync}`),
      sendChunk: () => {},
      transfer: () => {},
      hangup: () => void hungUp++,
      log: () => {},
    };
    return { call, sent, hungUp: () => hungUp };
  }
  const prompts: Prompt[] = ['greeting', 'answer', 'bye'].map((label) => ({ label, text: label, wav: new Uint8Array(44), seconds: 1 }));
  function fakeTimers() {
    const timers: { at: number; fn: () => void; alive: boolean }[] = [];
    let now = 0;
    return {
      now: () => now,
      schedule: (fn: () => void, ms: number) => {
        const t = { at: now + ms, fn, alive: true };
        timers.push(t);
        return () => void (t.alive = false);
      },
      advance(ms: number) {
        now += ms;
        for (const t of timers.filter((x) => x.alive && x.at <= now)) {
          t.alive = false;
          t.fn();
        }
      },
    };
  }

  it('greets (is_sync), answers each finished caller turn, hangs up after the last prompt has played', () => {
    const timers = fakeTimers();
    const bot = new DemoBot({ prompts: (c) => (c.query.psr_console_demo ? prompts : null), schedule: timers.schedule, now: timers.now });
    const { call, sent, hungUp } = fakeCall();
    bot.onConnected(call);
    expect(sent).toEqual(['demo prompt greeting:true']);
    bot.onVoiceActivity(call, 'A', false); // leg A is the bot itself: ignored
    timers.advance(1000); // the greeting has played
    bot.onVoiceActivity(call, 'B', false); // the caller never spoke: no answer
    expect(sent.length).toBe(1);
    bot.onVoiceActivity(call, 'B', true);
    timers.advance(500);
    bot.onVoiceActivity(call, 'B', false);
    expect(sent.at(-1)).toBe('demo prompt answer:true');
    timers.advance(1000);
    bot.onVoiceActivity(call, 'B', true);
    timers.advance(500);
    bot.onVoiceActivity(call, 'B', false);
    expect(sent.at(-1)).toBe('demo prompt bye:true');
    timers.advance(1000);
    expect(hungUp()).toBe(0); // still saying goodbye
    timers.advance(1000);
    expect(hungUp()).toBe(1);
    bot.onClosed(call);
    expect(bot.activeCalls).toBe(0);
  });

  it('does not answer speech that ended while it was still talking (barge-in, echo); hangs up after the queued audio', () => {
    const timers = fakeTimers();
    const bot = new DemoBot({ prompts: (c) => (c.query.psr_console_demo ? prompts : null), schedule: timers.schedule, now: timers.now });
    const { call, sent, hungUp } = fakeCall();
    bot.onConnected(call);
    // Short bursts over the 1 s greeting (like a fake microphone's beeps): no answer yet.
    for (let i = 0; i < 3; i++) {
      bot.onVoiceActivity(call, 'B', true);
      timers.advance(150);
      bot.onVoiceActivity(call, 'B', false);
      timers.advance(150);
    }
    expect(sent).toEqual(['demo prompt greeting:true']);
    // A burst that starts over the greeting and ends after it is a real answer.
    bot.onVoiceActivity(call, 'B', true);
    timers.advance(400);
    bot.onVoiceActivity(call, 'B', false);
    expect(sent.at(-1)).toBe('demo prompt answer:true');
    // The caller answers again as soon as the answer ends; bye is queued; hangup waits for it to play.
    timers.advance(1000);
    bot.onVoiceActivity(call, 'B', true);
    timers.advance(100);
    bot.onVoiceActivity(call, 'B', false);
    expect(sent.at(-1)).toBe('demo prompt bye:true');
    timers.advance(1600);
    expect(hungUp()).toBe(0);
    timers.advance(200);
    expect(hungUp()).toBe(1);
  });

  it('stays silent on calls that are not demo calls, and hangs up on a caller who never speaks', () => {
    const timers = fakeTimers();
    const bot = new DemoBot({ prompts: (c) => (c.query.psr_console_demo ? prompts : null), schedule: timers.schedule, now: timers.now, idleHangupMs: 5000 });
    const other = fakeCall({});
    bot.onConnected(other.call);
    expect(other.sent).toEqual([]);
    const quiet = fakeCall();
    bot.onConnected(quiet.call);
    timers.advance(5999);
    expect(quiet.hungUp()).toBe(0);
    timers.advance(2);
    expect(quiet.hungUp()).toBe(1);
  });
});

describe('contract', () => {
  it('a settings patch changes only what it names; bad values name the expectation', async () => {
    const { simulatorCalls } = await import('../../../src/shared/contract/simulator');
    const patch = simulatorCalls['simulator:saveSettings'].args;
    expect(patch.parse({ maxCallSeconds: 42 })).toEqual({ maxCallSeconds: 42 });
    const bad = patch.safeParse({ port: 70000 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('a port between 0 and 65535');
    expect(patch.safeParse({ token: 'x' }).success).toBe(false); // strict: no unknown keys
    const mic = simulatorCalls['simulator:micFrames'].args;
    expect(mic.safeParse({ pcm: 'not base64!' }).success).toBe(false);
  });
});
