import { describe, expect, it } from 'vitest';
import { TurnTracker } from '../../../src/main/calls/turn-tracker';
import { summariseTurns } from '../../../src/shared/calls/turn-summary';
import { EnergyVad } from '../../../src/shared/audio/vad';

describe('TurnTracker', () => {
  it('measures end of caller speech to start of bot audio, per turn', () => {
    const t = new TurnTracker();
    t.onVoice('A', true, 0); // greeting
    t.onVoice('A', false, 1500);
    t.onVoice('B', true, 2000);
    t.onVoice('B', false, 3000);
    const turn = t.onVoice('A', true, 3700);
    expect(turn).toMatchObject({ index: 0, bEndT: 3000, aStartT: 3700, latencyMs: 700, bargeIn: false });
    t.onVoice('A', false, 5000);
    t.onVoice('B', true, 5200);
    t.onVoice('B', false, 6000);
    t.onVoice('A', true, 6400);
    expect(t.summary()).toMatchObject({ count: 2, minMs: 400, medianMs: 550, p90Ms: 700, lastMs: 400, bargeIns: 0 });
  });

  it('does not count the greeting or a caller who is still talking', () => {
    const t = new TurnTracker();
    expect(t.onVoice('A', true, 0)).toBeNull();
    t.onVoice('A', false, 500);
    t.onVoice('B', true, 600);
    t.onVoice('B', false, 900);
    t.onVoice('B', true, 1000); // caller resumes before the bot answers
    expect(t.onVoice('A', true, 1100)).toBeNull();
    expect(t.turns).toHaveLength(0);
  });

  it('marks a barge-in when the caller talks over the bot', () => {
    const t = new TurnTracker();
    t.onVoice('B', true, 0);
    t.onVoice('B', false, 1000);
    t.onVoice('A', true, 1300);
    const updated = t.onVoice('B', true, 1800);
    expect(updated).toMatchObject({ index: 0, bargeIn: true });
    expect(t.summary().bargeIns).toBe(1);
  });

  it('summarises with nearest-rank p90', () => {
    const turns = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((latencyMs, index) => ({ index, bEndT: 0, aStartT: latencyMs, latencyMs, bargeIn: false }));
    expect(summariseTurns(turns)).toMatchObject({ count: 10, minMs: 100, medianMs: 550, p90Ms: 900 });
    expect(summariseTurns([])).toMatchObject({ count: 0, minMs: null, medianMs: null, p90Ms: null });
  });
});

describe('TurnTracker with level windows', () => {
  // Windows of 20 ms; the VAD flags are late (on after 2 loud windows, off after 15 quiet ones).
  function feed(t: TurnTracker, leg: 'A' | 'B', fromMs: number, toMs: number, loud: boolean) {
    const out = [];
    for (let w = fromMs; w < toMs; w += 20) out.push(t.onWindow(leg, w, loud ? -9 : -120));
    return out.filter(Boolean);
  }

  it('uses the last loud window of B and the first loud window of A, not the late flags', () => {
    const t = new TurnTracker();
    feed(t, 'B', 0, 1000, true);
    t.onVoice('B', true, 20);
    feed(t, 'B', 1000, 1300, false);
    t.onVoice('B', false, 1280); // hangover: 300 ms after the real end (1000)
    feed(t, 'A', 0, 1700, false);
    // The flag comes before the windows that caused it (windows are batched, flags are not).
    expect(t.onVoice('A', true, 1720)).toBeNull();
    const done = feed(t, 'A', 1700, 1760, true);
    expect(done).toHaveLength(1);
    expect(t.turns[0]).toMatchObject({ bEndT: 1000, aStartT: 1700, latencyMs: 700 });
  });

  it('completes at once when the windows came first', () => {
    const t = new TurnTracker();
    feed(t, 'B', 0, 500, true);
    t.onVoice('B', true, 20);
    feed(t, 'B', 500, 800, false);
    t.onVoice('B', false, 780);
    feed(t, 'A', 0, 1200, false);
    feed(t, 'A', 1200, 1300, true);
    expect(t.onVoice('A', true, 1220)).toMatchObject({ latencyMs: 700 });
  });
});

describe('TurnTracker fed like the endpoint feeds it (real VAD flags, then the windows)', () => {
  type Runs = Array<[number, number]>;
  const loudIn = (runs: Runs, t: number) => runs.some(([s, e]) => t >= s && t < e);

  /** Plays two legs through the endpoint's VAD, 20 ms at a time: flags first, then that frame's windows. */
  function play(a: Runs, b: Runs, endMs: number): TurnTracker {
    const tracker = new TurnTracker();
    const vad = { A: new EnergyVad(), B: new EnergyVad() };
    for (let t = 0; t < endMs; t += 20) {
      const rms = { A: loudIn(a, t) ? -20 : -90, B: loudIn(b, t) ? -20 : -90 };
      for (const leg of ['A', 'B'] as const) if (vad[leg].update(rms[leg])) tracker.onVoice(leg, vad[leg].speaking, t);
      for (const leg of ['A', 'B'] as const) tracker.onWindow(leg, t, rms[leg]);
    }
    tracker.flush();
    return tracker;
  }

  /** Chromium's fake microphone: a 120 ms beep every 500 ms (as the caller's leg shows it). */
  const beeps = (from: number, to: number): Runs => {
    const out: Runs = [];
    for (let t = from; t < to; t += 500) out.push([t, t + 120]);
    return out;
  };

  it('the demo call with the fake microphone: a beep in the greeting\'s pause, then the bot resumes — one turn; beeps over the bot are barge-ins', () => {
    // Leg A and B exactly as recorded in a demo call (loud runs, ms).
    const a: Runs = [[60, 520], [720, 1040], [1080, 1220], [1240, 2340], [2460, 2640], [2680, 2740], [3160, 3360], [3400, 3660], [3680, 3920], [3960, 4000], [4040, 4180], [4240, 4720]];
    const b: Runs = [[420, 540], [940, 1040], [1440, 1560], [1940, 2060], [2440, 2560], [2940, 3060], [3440, 3560], [3940, 4060], [4440, 4560]];
    const t = play(a, b, 4800);
    // The caller's beep 2940–3060 ended, the bot's audio started at 3160 while the caller's flag
    // was still on (VAD hangover): a 100 ms turn, which the flags alone never counted.
    expect(t.turns).toHaveLength(1);
    expect(t.turns[0]).toMatchObject({ bEndT: 3060, aStartT: 3160, latencyMs: 100, bargeIn: true });
    // Beeps over the greeting and over the answer: two bot utterances talked over. The talked-over
    // answer is listed but kept out of the latency figures.
    expect(t.summary()).toMatchObject({ count: 0, medianMs: null, bargeIns: 2 });
  });

  it('a bot answering within the caller\'s hangover (200 ms after a burst) is a turn, later bursts are a barge-in', () => {
    const a: Runs = [[0, 2000], [3220, 5000]];
    const t = play(a, beeps(2400, 4500), 5400);
    expect(t.turns).toHaveLength(1);
    expect(t.turns[0]).toMatchObject({ bEndT: 3020, aStartT: 3220, latencyMs: 200, bargeIn: true });
    expect(t.summary().bargeIns).toBe(1);
  });

  it('a caller answering 150 ms after the bot\'s audio ended is not a barge-in', () => {
    const t = play([[0, 1000], [2700, 3500]], [[1150, 2000]], 4000);
    expect(t.turns).toHaveLength(1);
    expect(t.turns[0]).toMatchObject({ bEndT: 2000, aStartT: 2700, latencyMs: 700, bargeIn: false });
    expect(t.summary().bargeIns).toBe(0);
  });

  it('a caller still talking when the bot starts is not a turn; the bot\'s next start after the caller stops is', () => {
    // The bot starts at 1000 over the caller (who talks to 1500), stops at 1200, answers at 2100.
    const t = play([[0, 400], [1000, 1200], [2100, 2600]], [[600, 1500]], 3000);
    expect(t.turns).toHaveLength(1);
    expect(t.turns[0]).toMatchObject({ bEndT: 1500, aStartT: 2100, latencyMs: 600 });
    // The caller was talking first at 1000: the bot talked over them, not the other way round.
    expect(t.summary().bargeIns).toBe(0);
  });

  it('a caller already talking at connect: a greeting that starts in a pause between words is not a turn', () => {
    // Leg B talks from the first window with a 60 ms dip at 80–140; the greeting starts in the dip.
    const t = play([[140, 1000], [3500, 4200], [5600, 6200]], [[0, 80], [140, 1200], [2000, 2800], [4500, 5000]], 6600);
    expect(t.turns.map((x) => x.latencyMs)).toEqual([700, 600]);
    expect(t.summary()).toMatchObject({ count: 2, medianMs: 650, minMs: 600 });
  });

  it('an answer the caller talked over is listed, marked, and kept out of the figures', () => {
    const t = play([[0, 500], [1700, 2500], [4000, 4800]], [[700, 1000], [2100, 2300], [3000, 3500]], 5200);
    expect(t.turns).toHaveLength(2);
    expect(t.turns[0]).toMatchObject({ latencyMs: 700, bargeIn: true });
    expect(t.turns[1]).toMatchObject({ latencyMs: 500, bargeIn: false });
    expect(t.summary()).toMatchObject({ count: 1, medianMs: 500, lastMs: 500, bargeIns: 1 });
  });
});
