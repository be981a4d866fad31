// Leg A on the call's real clock: audio that arrives while nothing plays starts at its arrival;
// audio queued behind other audio starts where that ends; an interrupt starts at its own arrival;
// without arrival times there is no measured onset (the caller falls back to the frame grid).
import { describe, expect, it } from 'vitest';
import { LegA } from '../../../src/main/bot-tests/leg-a';

const loud = (n: number) => Int16Array.from({ length: n }, () => 5000);
const quiet = (n: number) => new Int16Array(n);

describe('LegA', () => {
  it('times an onset at the arrival of audio that starts on an idle leg', () => {
    const leg = new LegA();
    const out = new Int16Array(160);
    leg.next(out, 20);
    expect(leg.frame.onsetSample).toBe(-1);
    leg.enqueue(loud(800), 'media', { at: 27.5 });
    expect(leg.next(out, 40)).toBe(160);
    expect(leg.frame.onsetSample).toBe(0);
    expect(leg.frame.onsetAtMs).toBeCloseTo(27.5, 6);
    expect(leg.frame.rmsDbfs).toBeGreaterThan(-20);
    expect(leg.peak).toBe(5000);
  });

  it('starts queued audio where the audio before it ends, and an interrupt at its arrival', () => {
    const leg = new LegA();
    const out = new Int16Array(160);
    leg.enqueue(quiet(320), 'media', { at: 0 });
    leg.enqueue(loud(480), 'chunk', { at: 5 });
    leg.next(out, 20);
    leg.next(out, 40);
    expect(leg.frame.onsetSample).toBe(-1);
    leg.next(out, 60);
    expect(leg.frame.onsetAtMs).toBeCloseTo(40, 6);
    leg.enqueue(loud(160), 'media', { at: 66, interrupt: true });
    leg.next(out, 80);
    expect(leg.frame.onsetAtMs).toBeCloseTo(66, 6);
    expect(leg.pending).toBe(0);
  });

  it('gives no measured onset without arrival times or a clock', () => {
    const leg = new LegA();
    const out = new Int16Array(160);
    leg.enqueue(loud(160), 'audio_file');
    leg.next(out, 20);
    expect(leg.frame.onsetSample).toBe(0);
    expect(leg.frame.onsetAtMs).toBeUndefined();
    leg.enqueue(loud(160), 'media', { at: 25 });
    leg.next(out);
    expect(leg.frame.onsetAtMs).toBeUndefined();
    expect(leg.frame.endsAtMs).toBeUndefined();
  });
});
