import { describe, expect, it } from 'vitest';
import { summariseTurns, TurnTracker } from '../../../src/main/calls/turn-tracker';

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
