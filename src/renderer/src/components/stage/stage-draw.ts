// Draws one frame of the stage's timeline into a canvas: speech bubbles and the scrolling waveform
// of the bot (top lane) and the caller (bottom lane), each turn's latency bracket between the
// caller's last word and the bot's answer, barge-ins, and the "now" line. Plain loops, no allocation
// per slot; called from requestAnimationFrame only.
import type { Turn } from '../../../../shared/contract/calls';
import { gradeLatency, type LatencyGrade } from './latency-grade';
import { RING_SLOTS, SLOT_MS, indexOf, type LevelRing } from './level-ring';

export const VISIBLE_MS = 15_000;
/** Where "now" sits, as a fraction of the width: a little room ahead of the newest audio. */
export const NOW_AT = 0.96;

export interface StageColors {
  bg: string;
  grid: string;
  text: string;
  bot: string;
  botCore: string;
  botSoft: string;
  caller: string;
  callerCore: string;
  callerSoft: string;
  good: string;
  fair: string;
  poor: string;
  bargeIn: string;
  now: string;
}

export interface StageScene {
  a: LevelRing;
  b: LevelRing;
  /** Speech of each leg, [start, end) call ms; an open segment has end = Infinity. */
  speechA: ReadonlyArray<readonly [number, number]>;
  speechB: ReadonlyArray<readonly [number, number]>;
  turns: readonly Turn[];
  bargeIns: readonly number[];
  goodMs: number;
  fairMs: number;
  colors: StageColors;
  /** Formats a whole number of seconds for the axis ("12 s"). */
  seconds: (s: number) => string;
}

/** Lanes as fractions of the height: bot on top, the turn band between, the caller below. */
export const LANE_A = { top: 0.06, bottom: 0.4 };
export const BAND = { top: 0.4, bottom: 0.6 };
export const LANE_B = { top: 0.6, bottom: 0.94 };

export function timeToX(t: number, nowT: number, width: number): number {
  return (NOW_AT - (nowT - t) / VISIBLE_MS) * width;
}

export function gradeColor(c: StageColors, g: LatencyGrade): string {
  return g === 'good' ? c.good : g === 'fair' ? c.fair : c.poor;
}

export function drawStage(g: CanvasRenderingContext2D, w: number, h: number, nowT: number, s: StageScene): void {
  const c = s.colors;
  g.fillStyle = c.bg;
  g.fillRect(0, 0, w, h);
  const from = nowT - NOW_AT * VISIBLE_MS;
  const to = from + VISIBLE_MS;
  const x = (t: number) => ((t - from) / VISIBLE_MS) * w;

  // Grid: a line a second, a labelled one every 5 s.
  g.fillStyle = c.grid;
  for (let sec = Math.max(0, Math.ceil(from / 1000)); sec * 1000 <= to; sec++) {
    const gx = Math.round(x(sec * 1000));
    g.fillRect(gx, 0, sec % 5 === 0 ? 2 : 1, h);
  }
  g.fillStyle = c.text;
  g.font = `${Math.max(12, Math.round(h * 0.035))}px system-ui, sans-serif`;
  g.textBaseline = 'top';
  for (let sec = Math.max(0, Math.ceil(from / 5000) * 5); sec * 1000 <= to; sec += 5) g.fillText(s.seconds(sec), x(sec * 1000) + 6, 4);

  drawBubbles(g, s.speechA, from, to, x, LANE_A, h, nowT, c.botSoft);
  drawBubbles(g, s.speechB, from, to, x, LANE_B, h, nowT, c.callerSoft);
  drawWave(g, s.a, from, nowT, x, w, LANE_A, h, c.bot, c.botCore);
  drawWave(g, s.b, from, nowT, x, w, LANE_B, h, c.caller, c.callerCore);

  // Each turn: from the caller's last word (bottom lane) up to the bot's answer (top lane).
  g.lineWidth = Math.max(2, h * 0.006);
  for (const turn of s.turns) {
    if (turn.aStartT < from || turn.bEndT > to) continue;
    const x1 = x(turn.bEndT);
    const x2 = x(turn.aStartT);
    const mid = ((BAND.top + BAND.bottom) / 2) * h;
    // An answer the caller talked over is kept out of the figures: drawn muted, not graded.
    g.strokeStyle = turn.bargeIn ? c.text : gradeColor(c, gradeLatency(turn.latencyMs, s.goodMs, s.fairMs));
    g.beginPath();
    g.moveTo(x1, LANE_B.top * h);
    g.lineTo(x1, mid);
    g.lineTo(x2, mid);
    g.lineTo(x2, LANE_A.bottom * h);
    g.stroke();
  }

  // Barge-ins: where the caller started talking over the bot.
  g.strokeStyle = c.bargeIn;
  g.lineWidth = Math.max(3, h * 0.008);
  g.setLineDash([10, 6]);
  g.beginPath();
  for (const t of s.bargeIns) {
    if (t < from || t > to) continue;
    g.moveTo(x(t), LANE_A.top * h);
    g.lineTo(x(t), LANE_B.bottom * h);
  }
  g.stroke();
  g.setLineDash([]);

  g.fillStyle = c.now;
  g.fillRect(Math.round(x(nowT)), 0, 2, h);
}

function drawBubbles(
  g: CanvasRenderingContext2D,
  segs: ReadonlyArray<readonly [number, number]>,
  from: number,
  to: number,
  x: (t: number) => number,
  lane: { top: number; bottom: number },
  h: number,
  nowT: number,
  fill: string,
): void {
  g.fillStyle = fill;
  g.beginPath();
  const top = lane.top * h + 2;
  const height = (lane.bottom - lane.top) * h - 4;
  for (const [s, e0] of segs) {
    const e = Math.min(e0, nowT);
    if (e < from || s > to) continue;
    const x1 = x(Math.max(s, from - 1000));
    const x2 = Math.max(x1 + 4, x(e));
    g.roundRect(x1, top, x2 - x1, height, Math.min(18, height / 4));
  }
  g.fill();
}

function drawWave(
  g: CanvasRenderingContext2D,
  ring: LevelRing,
  from: number,
  nowT: number,
  x: (t: number) => number,
  w: number,
  lane: { top: number; bottom: number },
  h: number,
  color: string,
  core: string,
): void {
  const mid = Math.round(((lane.top + lane.bottom) / 2) * h);
  const half = ((lane.bottom - lane.top) / 2) * h * 0.92;
  const barW = Math.max(1, Math.floor((SLOT_MS / VISIBLE_MS) * w * 0.7));
  const first = Math.max(0, Math.floor(from / SLOT_MS));
  const last = Math.min(Math.floor(Math.min(nowT, ring.endT) / SLOT_MS), first + RING_SLOTS - 1);
  // One axis-aligned fillRect per bar on whole pixels: the canvas's fast path (a single path of
  // thousands of rectangles is rasterised as a complex shape, many times slower).
  g.fillStyle = color;
  for (let n = first; n <= last; n++) {
    const i = indexOf(ring, n);
    if (i < 0) continue;
    const ph = Math.max(1, Math.round(ring.peak[i]! * half));
    g.fillRect(Math.round(x(n * SLOT_MS)), mid - ph, barW, ph * 2);
  }
  // The RMS inside the peak, in a lighter tone, gives the wave its body.
  g.fillStyle = core;
  for (let n = first; n <= last; n++) {
    const i = indexOf(ring, n);
    if (i < 0) continue;
    const rh = Math.round(ring.rms[i]! * half);
    if (rh < 1) continue;
    g.fillRect(Math.round(x(n * SLOT_MS)), mid - rh, barW, rh * 2);
  }
}
