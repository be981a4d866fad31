// Turn latency measured on the wire: from the end of the caller's speech (leg B) to the start of the
// bot's audio (leg A), in call audio time, so network jitter and renderer load do not skew it.
//
// The voice-activity flags come late on purpose (the VAD waits for a few loud windows before "on"
// and ~300 ms of quiet before "off", so pauses between words do not flicker). Using the flags' times
// would shorten every turn by the hangover, so the edges are refined with the level windows: the
// caller stopped at the end of the last loud window before "off"; the bot started at the first loud
// window of the run that turned "on". Without level windows the flags' times are used as they are.
// A caller who starts talking while the bot speaks is a barge-in.
import type { Turn, TurnSummary } from '../../shared/contract/calls';
import type { Leg } from '../../shared/contract/live';

/** The VAD's "loud" threshold (src/shared/audio/vad.ts default). */
export const LOUD_DBFS = -40;
const WINDOW_MS = 20;
/** An edge refined by more than this is not the same speech (missing windows): keep the flag's time. */
const MAX_REFINE_MS = 1000;

interface LegEdges {
  runStart: number | null;
  lastRunStart: number | null;
  lastLoudEnd: number | null;
  seenTo: number;
}

interface Pending {
  bEndT: number;
  aOnT: number;
  bargeIn: boolean;
}

export class TurnTracker {
  private aSpeaking = false;
  private bSpeaking = false;
  private bEndT: number | null = null;
  private pending: Pending | null = null;
  private readonly edges: Record<Leg, LegEdges> = { A: edges(), B: edges(), botOut: edges() };
  readonly turns: Turn[] = [];

  /** Feed one level window (call audio time t, ms); returns a turn it completed, if any. */
  onWindow(leg: Leg, t: number, rmsDbfs: number): Turn | null {
    const e = this.edges[leg];
    if (rmsDbfs > LOUD_DBFS) {
      if (e.runStart === null) e.runStart = e.lastRunStart = t;
      e.lastLoudEnd = t + WINDOW_MS;
    } else e.runStart = null;
    if (t + WINDOW_MS > e.seenTo) e.seenTo = t + WINDOW_MS;
    if (leg === 'A' && this.pending && t >= this.pending.aOnT) return this.complete();
    return null;
  }

  /** Feed one voice-activity change; returns the turn it created or updated, if any. */
  onVoice(leg: Leg, speaking: boolean, t: number): Turn | null {
    if (leg === 'B') {
      if (speaking) {
        this.bSpeaking = true;
        this.bEndT = null;
        if (this.aSpeaking) {
          if (this.pending) this.pending.bargeIn = true;
          const last = this.turns[this.turns.length - 1];
          if (!this.pending && last && !last.bargeIn) {
            last.bargeIn = true;
            return last;
          }
        }
      } else if (this.bSpeaking) {
        this.bSpeaking = false;
        const b = this.edges.B;
        this.bEndT = b.lastLoudEnd !== null && b.lastLoudEnd <= t && t - b.lastLoudEnd <= MAX_REFINE_MS ? b.lastLoudEnd : t;
      }
      return null;
    }
    if (leg !== 'A') return null;
    if (!speaking) {
      this.aSpeaking = false;
      return this.pending ? this.complete() : null;
    }
    const wasSpeaking = this.aSpeaking;
    this.aSpeaking = true;
    if (wasSpeaking || this.bSpeaking || this.bEndT === null) return null;
    this.pending = { bEndT: this.bEndT, aOnT: t, bargeIn: false };
    this.bEndT = null;
    // The windows that turned the flag on may already be here (or never come): complete now.
    if (this.edges.A.seenTo > t || this.edges.A.seenTo === 0) return this.complete();
    return null;
  }

  /** Call ended: a turn still waiting for its level windows completes with what is known. */
  flush(): Turn | null {
    return this.pending ? this.complete() : null;
  }

  private complete(): Turn {
    const p = this.pending!;
    this.pending = null;
    const a = this.edges.A;
    const start = a.lastRunStart;
    const aStartT = start !== null && start <= p.aOnT && p.aOnT - start <= MAX_REFINE_MS && start >= p.bEndT ? start : p.aOnT;
    const turn: Turn = { index: this.turns.length, bEndT: p.bEndT, aStartT, latencyMs: round1(aStartT - p.bEndT), bargeIn: p.bargeIn };
    this.turns.push(turn);
    return turn;
  }

  summary(): TurnSummary {
    return summariseTurns(this.turns);
  }
}

function edges(): LegEdges {
  return { runStart: null, lastRunStart: null, lastLoudEnd: null, seenTo: 0 };
}

export function summariseTurns(turns: readonly Turn[]): TurnSummary {
  const lat = turns.map((t) => t.latencyMs).sort((a, b) => a - b);
  const n = lat.length;
  const bargeIns = turns.filter((t) => t.bargeIn).length;
  if (n === 0) return { count: 0, minMs: null, medianMs: null, p90Ms: null, lastMs: null, bargeIns };
  const median = n % 2 === 1 ? lat[(n - 1) / 2]! : (lat[n / 2 - 1]! + lat[n / 2]!) / 2;
  // Nearest-rank percentile: an observed value, never an interpolation.
  const p90 = lat[Math.min(n - 1, Math.ceil(0.9 * n) - 1)]!;
  return { count: n, minMs: lat[0]!, medianMs: round1(median), p90Ms: p90, lastMs: turns[turns.length - 1]!.latencyMs, bargeIns };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
