// Turn latency measured on the wire: from the end of the caller's speech (leg B) to the start of the
// bot's audio (leg A), using the endpoint's voice activity (call audio time, so network jitter and
// renderer load do not skew it). A caller who starts talking while the bot speaks is a barge-in.
import type { Turn, TurnSummary } from '../../shared/contract/calls';
import type { Leg } from '../../shared/contract/live';

export class TurnTracker {
  private aSpeaking = false;
  private bSpeaking = false;
  private bEndT: number | null = null;
  readonly turns: Turn[] = [];

  /** Feed one voice-activity change; returns the turn it created or updated, if any. */
  onVoice(leg: Leg, speaking: boolean, t: number): Turn | null {
    if (leg === 'B') {
      if (speaking) {
        this.bSpeaking = true;
        this.bEndT = null;
        const last = this.turns[this.turns.length - 1];
        if (this.aSpeaking && last && !last.bargeIn) {
          last.bargeIn = true;
          return last;
        }
      } else if (this.bSpeaking) {
        this.bSpeaking = false;
        this.bEndT = t;
      }
      return null;
    }
    if (leg !== 'A') return null;
    if (!speaking) {
      this.aSpeaking = false;
      return null;
    }
    const wasSpeaking = this.aSpeaking;
    this.aSpeaking = true;
    if (wasSpeaking || this.bSpeaking || this.bEndT === null) return null;
    const turn: Turn = { index: this.turns.length, bEndT: this.bEndT, aStartT: t, latencyMs: round1(t - this.bEndT), bargeIn: false };
    this.bEndT = null;
    this.turns.push(turn);
    return turn;
  }

  summary(): TurnSummary {
    return summariseTurns(this.turns);
  }
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
