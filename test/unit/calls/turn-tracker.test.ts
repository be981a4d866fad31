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
