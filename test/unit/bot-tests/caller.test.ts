// The caller state machine, driven frame by frame (no sockets, no clock): each step's verdict and figures.
import { describe, expect, it } from 'vitest';
import { Caller, FRAME_SAMPLES, type BotFrame, type CompiledScenario } from '../../../src/main/bot-tests/caller';
import { parseScenario } from '../../../src/shared/scenario';

const LOUD: BotFrame = { rmsDbfs: -10, onsetSample: 0 };
const QUIET: BotFrame = { rmsDbfs: -120, onsetSample: -1 };

function compile(yaml: string, sayMs = 400): CompiledScenario {
  const scenario = parseScenario(yaml, 't.yaml');
  const audio = new Map();
  scenario.steps.forEach((s, i) => {
    if (s.kind === 'say' || s.kind === 'barge_in') {
      const pcm = new Int16Array(sayMs * 8).fill(5000);
      audio.set(i, { label: 'line', pcm, speechEndSample: pcm.length });
    }
  });
  return { file: 't.yaml', scenario, audio, botAudio: [], callAudio: null };
}

/** Run until the caller hangs up or `frames` pass; `bot(t)` says whether the bot talks in frame t. */
function drive(c: Caller, bot: (t: number, c: Caller) => boolean, frames = 2000, onTick?: (t: number) => void): number {
  const out = new Int16Array(FRAME_SAMPLES);
  for (let t = 0; t < frames; t++) {
    onTick?.(t);
    if (c.finished) return t;
    if (c.tick(t, bot(t, c) ? LOUD : QUIET, out) === 'hangup') {
      c.finish('caller-hangup', (t + 1) * 20);
      return t;
    }
  }
  return frames;
}

describe('Caller', () => {
  it('measures turn latency from the end of the caller’s line to the bot’s next audio', () => {
    const c = new Caller(compile('name: x\nsteps:\n  - say: a.wav\n  - expect_reply: { within_ms: 1000 }\n'));
    // The line plays frames 0–19 (400 ms); the bot answers 600 ms later, at frame 50.
    drive(c, (t) => t >= 50 && t < 60);
    const r = c.result({ callId: 'c' });
    expect(r.passed).toBe(true);
    expect(r.steps[1]!.figures).toEqual({ latency_ms: 600, limit_ms: 1000 });
  });

  it('fails a late reply with the measured figure, and skips the rest', () => {
    const c = new Caller(compile('name: x\nsteps:\n  - say: a.wav\n  - expect_reply: { within_ms: 300 }\n  - hangup\n'));
    drive(c, (t) => t >= 45);
    const r = c.result({ callId: 'c' });
    expect(r.steps[1]).toMatchObject({ status: 'failed', message: "expected a reply within 300 ms; the bot's audio started 500 ms after the caller's last word" });
    expect(r.steps[2]!.status).toBe('skipped');
    expect(r.failure).toContain('step 2 (expect_reply, line 4)');
  });

  it('barges in after_ms into the bot’s utterance and reports how long the bot kept talking', () => {
    const c = new Caller(compile('name: x\nsteps:\n  - barge_in: { say: a.wav, after_ms: 200 }\n'));
    // The bot talks from frame 10 (200 ms); the caller starts at 400 ms; the bot stops at 460 ms.
    drive(c, (t) => t >= 10 && t < 23);
    const r = c.result({ callId: 'c' });
    expect(r.passed).toBe(true);
    expect(r.timeline.caller[0]!.startMs).toBe(200 + 200);
    expect(r.steps[0]!.figures).toMatchObject({ bot_start_ms: 200, bot_stopped_after_ms: 60 });
  });

  it('checks transfers, quiet periods, hangups and the query', () => {
    const c = new Caller(compile('name: x\nsteps:\n  - expect_query: { ma_kh: KH1 }\n  - expect_no_reply: { for_ms: 200 }\n  - expect_transfer: { extension: "101", within_ms: 1000 }\n  - expect_hangup: { within_ms: 1000 }\n'));
    c.query = { ma_kh: 'KH1', call_id: 'c', tenant: 't' };
    drive(c, () => false, 2000, (t) => {
      if (t === 20) c.event({ kind: 'transfer', extension: '101' }, 400);
      if (t === 30) {
        c.event({ kind: 'hangup' }, 600);
        c.finish('bot-hangup', 600);
      }
    });
    const r = c.result({ callId: 'c' });
    expect(r.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(r.steps[2]!.figures).toMatchObject({ extension: '101' });
  });

  it('fails a transfer to the wrong extension, a reply during expect_no_reply, and a wrong query value', () => {
    const wrongExt = new Caller(compile('name: x\nsteps:\n  - expect_transfer: { extension: "101" }\n'));
    drive(wrongExt, () => false, 50, (t) => t === 5 && wrongExt.event({ kind: 'transfer', extension: '102' }, 100));
    expect(wrongExt.result({ callId: 'c' }).failure).toContain('expected a transfer to extension 101; the bot transferred to 102');
    const talks = new Caller(compile('name: x\nsteps:\n  - expect_no_reply: { for_ms: 1000 }\n'));
    drive(talks, (t) => t >= 20);
    expect(talks.result({ callId: 'c' }).failure).toContain("expected no bot audio for 1000 ms; the bot's audio started 400 ms in");
    const q = new Caller(compile('name: x\nsteps:\n  - expect_query: { ma_kh: KH1 }\n'));
    q.query = { ma_kh: 'KH2' };
    drive(q, () => false);
    expect(q.result({ callId: 'c' }).failure).toContain('expected the bot\'s connection to carry ma_kh="KH1"; it carried ma_kh="KH2"');
  });

  it('protocol strict fails on a malformed frame; conformance fails only at level fail', () => {
    const yaml = (extra: string) => `name: x\nsteps:\n  - silence: 100\nexpect:\n${extra}`;
    const strict = new Caller(compile(yaml('  protocol: strict\n')));
    strict.event({ kind: 'protocol', code: 'FRAME_NOT_JSON', detail: 'text: "hangup"' }, 10);
    drive(strict, () => false);
    expect(strict.result({ callId: 'c' }).failure).toContain('expect.protocol: 1 malformed bot frame(s)');
    const warn = new Caller(compile(yaml('  protocol: warn\n')));
    warn.event({ kind: 'protocol', code: 'FRAME_NOT_JSON', detail: 'x' }, 10);
    warn.event({ kind: 'conformance', rule: 'media_sample_rate', detail: 'a media WAV at 16000 Hz' }, 10);
    drive(warn, () => false);
    const w = warn.result({ callId: 'c' });
    expect(w.passed).toBe(true);
    expect(w.expectations.filter((e) => e.warning).map((e) => e.name)).toEqual(['protocol', 'conformance.media_sample_rate']);
    const fail = new Caller(compile(yaml('  conformance: { media_sample_rate: fail }\n')));
    fail.event({ kind: 'conformance', rule: 'media_sample_rate', detail: 'a media WAV at 16000 Hz' }, 10);
    drive(fail, () => false);
    expect(fail.result({ callId: 'c' }).failure).toContain('expect.conformance.media_sample_rate');
  });

  it('gives up at call.max_ms, failing the waiting step', () => {
    const c = new Caller(compile('name: x\ncall: { max_ms: 1000 }\nsteps:\n  - expect_hangup: { within_ms: 60000 }\n'));
    drive(c, () => false);
    expect(c.result({ callId: 'c' }).failure).toContain('call.max_ms');
  });
});
