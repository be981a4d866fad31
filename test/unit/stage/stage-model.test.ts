// The stage's pure parts: the level ring (bounded, keyed by call time), the latency colour by the
// user's thresholds, the call's state in plain words, and where barge-ins happen.
import { describe, expect, it } from 'vitest';
import { bargeInTimes, stageState } from '../../../src/renderer/src/components/stage/call-state';
import { gradeLatency } from '../../../src/renderer/src/components/stage/latency-grade';
import { legNameKey } from '../../../src/renderer/src/components/live/leg-names';
import { RING_SLOTS, SLOT_MS, dbToHeight, feedRing, indexOf, newLevelRing } from '../../../src/renderer/src/components/stage/level-ring';
import { NOW_AT, VISIBLE_MS, timeToX } from '../../../src/renderer/src/components/stage/stage-draw';
import type { VoiceEvent } from '../../../src/renderer/src/components/live/use-call-activity';

const v = (leg: 'A' | 'B', speaking: boolean, t: number): VoiceEvent => ({ callId: 'c', leg, speaking, t, at: t });

describe('level ring', () => {
  it('keeps each 20 ms window at its slot and finds it by call time', () => {
    const r = newLevelRing();
    feedRing(r, { t: 40, peakDbfs: -6, rmsDbfs: -12 });
    const i = indexOf(r, 2);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(r.peak[i]).toBeCloseTo(0.9);
    expect(r.rms[i]).toBeCloseTo(0.8);
    expect(indexOf(r, 1)).toBe(-1);
    expect(r.endT).toBe(60);
  });

  it('is bounded: a window a ring later replaces the old one, which is then gone', () => {
    const r = newLevelRing();
    feedRing(r, { t: 0, peakDbfs: -6, rmsDbfs: -6 });
    feedRing(r, { t: RING_SLOTS * SLOT_MS, peakDbfs: -30, rmsDbfs: -30 });
    expect(indexOf(r, 0)).toBe(-1);
    expect(r.peak[indexOf(r, RING_SLOTS)]).toBeCloseTo(0.5);
    expect(r.slot.length).toBe(RING_SLOTS);
  });

  it('ignores windows with a bad time and maps silence and clipping to the scale ends', () => {
    const r = newLevelRing();
    feedRing(r, { t: Number.NaN, peakDbfs: 0, rmsDbfs: 0 });
    feedRing(r, { t: -20, peakDbfs: 0, rmsDbfs: 0 });
    expect(r.endT).toBe(0);
    expect(dbToHeight(-Infinity)).toBe(0);
    expect(dbToHeight(-90)).toBe(0);
    expect(dbToHeight(3)).toBe(1);
  });
});

describe('latency grade', () => {
  it('is green below the first threshold, amber below the second, red from it', () => {
    expect(gradeLatency(799, 800, 1500)).toBe('good');
    expect(gradeLatency(800, 800, 1500)).toBe('fair');
    expect(gradeLatency(1499, 800, 1500)).toBe('fair');
    expect(gradeLatency(1500, 800, 1500)).toBe('poor');
  });
  it('takes thresholds given the wrong way round in order', () => {
    expect(gradeLatency(1000, 1500, 800)).toBe('fair');
  });
});

describe('call state in plain words', () => {
  it('says who speaks, when both do, and when the bot owes an answer', () => {
    expect(stageState([], false, null)).toEqual({ kind: 'waiting' });
    expect(stageState([v('A', true, 0)], false, null)).toEqual({ kind: 'speaking', leg: 'A' });
    expect(stageState([v('A', true, 0), v('B', true, 500)], false, null)).toEqual({ kind: 'overlap' });
    expect(stageState([v('A', true, 0), v('A', false, 900), v('B', true, 1200)], false, null)).toEqual({ kind: 'speaking', leg: 'B' });
    expect(stageState([v('A', true, 0), v('A', false, 900), v('B', true, 1200), v('B', false, 2000)], false, null)).toEqual({ kind: 'thinking' });
    expect(stageState([v('B', true, 0), v('B', false, 800), v('A', true, 1500), v('A', false, 2500)], false, null)).toEqual({ kind: 'listening' });
    expect(stageState([v('A', true, 0)], true, 'hangup')).toEqual({ kind: 'ended', reason: 'hangup' });
  });

  it('marks a barge-in where the caller starts over the bot, not where the bot starts over the caller', () => {
    const voice = [v('A', true, 0), v('B', true, 700), v('B', false, 1200), v('A', false, 2000), v('B', true, 2500), v('A', true, 2600), v('A', false, 3000), v('B', false, 3100)];
    expect(bargeInTimes(voice)).toEqual([700]);
  });

  it('marks one barge-in per bot utterance, however often the caller cuts in during it', () => {
    const voice = [v('A', true, 0), v('B', true, 500), v('B', false, 900), v('B', true, 1400), v('B', false, 1800), v('A', false, 2500), v('A', true, 3000), v('B', true, 3200), v('B', false, 3600), v('A', false, 4000)];
    expect(bargeInTimes(voice)).toEqual([500, 3200]);
  });
});

describe('legs by role', () => {
  it('names leg A the bot for app=bot, the extension for app=dial, and stays neutral when unknown', () => {
    expect([legNameKey('A', 'bot', 'short'), legNameKey('B', 'bot', 'short')]).toEqual(['live:legRoleShort.bot.A', 'live:legRoleShort.bot.B']);
    expect([legNameKey('A', 'dial'), legNameKey('B', 'dial')]).toEqual(['live:legRole.dial.A', 'live:legRole.dial.B']);
    expect([legNameKey('A', null), legNameKey('B', null), legNameKey('botOut', 'bot')]).toEqual(['live:leg.A', 'live:leg.B', 'live:leg.botOut']);
  });
});

describe('time axis', () => {
  it('puts "now" near the right edge and 15 s ago at the left', () => {
    expect(timeToX(20_000, 20_000, 1000)).toBeCloseTo(NOW_AT * 1000);
    expect(timeToX(20_000 - NOW_AT * VISIBLE_MS, 20_000, 1000)).toBeCloseTo(0);
  });
});
