// Turn latency measured on the wire: from the end of the caller's speech (leg B) to the start of the
// bot's audio (leg A), in call audio time, so network jitter and renderer load do not skew it.
//
// The voice-activity flags come late on purpose (the VAD waits for a few loud windows before "on"
// and ~300 ms of quiet before "off", so pauses between words do not flicker). The flags say *that*
// something happened (the bot started an utterance, the caller spoke); *when* is read from the level
// windows: the caller stopped at the end of their last loud run before the bot's audio started; the
// bot started at the first loud window of its run. Deciding from the flags' state alone would miss
// every turn in which the bot answers within the caller's hangover (fast bots, or a caller talking in
// short bursts), because the caller's flag is still "on" when the bot starts. Without level windows
// the flags' times and states are used as they are.
//
// A turn: the caller's speech ended after the bot's previous audio, and the bot's audio started after
// the caller's speech ended. Speech has ended only when the caller then stays quiet for as long as the
// VAD's hangover (300 ms): a shorter dip is a pause between words, and a bot starting in it (a greeting
// over a caller who was already talking at connect) did not answer anything. A barge-in: the caller
// starts talking while the bot's audio is playing; it is counted once per bot utterance, whether that
// utterance answered a turn or not (a greeting). Turns whose answer was talked over are listed but
// kept out of the latency figures (the summary's min/median/p90/last/count).
import type { Turn, TurnSummary } from '../../shared/contract/calls';
import type { Leg } from '../../shared/contract/live';
import { summariseTurns } from '../../shared/calls/turn-summary';

/** The VAD's "loud" threshold (src/shared/audio/vad.ts default). */
export const LOUD_DBFS = -40;
const WINDOW_MS = 20;
/** An edge refined by more than this is not the same speech (missing windows): keep the flag's time. */
const MAX_REFINE_MS = 1000;
/** Quiet needed after the caller's last loud window for their speech to count as ended (the VAD's hangover). */
export const END_QUIET_MS = 300;
/** Loud runs kept per leg: enough to look back over a few seconds of bursts. */
const MAX_RUNS = 256;

interface Run {
  start: number;
  end: number;
}

class LegEdges {
  readonly runs: Run[] = [];
  /** Window start times are known up to (excluding) this time; 0 = no windows seen yet. */
  seenTo = 0;

  add(t: number, loud: boolean): void {
    if (t + WINDOW_MS > this.seenTo) this.seenTo = t + WINDOW_MS;
    if (!loud) return;
    const last = this.runs[this.runs.length - 1];
    if (last && t <= last.end && t + WINDOW_MS > last.start - WINDOW_MS) {
      if (t + WINDOW_MS > last.end) last.end = t + WINDOW_MS;
      return;
    }
    this.runs.push({ start: t, end: t + WINDOW_MS });
    if (this.runs.length > MAX_RUNS) this.runs.splice(0, this.runs.length - MAX_RUNS);
  }

  get hasWindows(): boolean {
    return this.seenTo > 0;
  }

  /** The last loud run that started before t. */
  before(t: number): Run | null {
    for (let i = this.runs.length - 1; i >= 0; i--) if (this.runs[i]!.start < t) return this.runs[i]!;
    return null;
  }

  /** The last loud run that ended at or before t. */
  endedBy(t: number): Run | null {
    for (let i = this.runs.length - 1; i >= 0; i--) if (this.runs[i]!.end <= t) return this.runs[i]!;
    return null;
  }

  /** The first loud run that starts after t. */
  startsAfter(t: number): Run | null {
    for (const r of this.runs) if (r.start > t) return r;
    return null;
  }

  /** Whether any loud window ends after t. */
  loudAfter(t: number): boolean {
    const last = this.runs[this.runs.length - 1];
    return !!last && last.end > t;
  }
}

/** The bot's current utterance (leg A flag on … off), waiting for its windows to be judged. */
interface Utterance {
  aOnT: number;
  /** Resolved: the refined start, and the turn it answered (null = not a turn, e.g. a greeting). */
  resolved: boolean;
  aStartT: number;
  turn: Turn | null;
  bargeIn: boolean;
  /** Caller speech state when the bot's flag came on (flags-only fallback). */
  bFlagOn: boolean;
  bOffT: number | null;
  /** End of the bot's previous audio (refined), before this utterance. */
  prevAEnd: number | null;
  callerSpoke: boolean;
}

export class TurnTracker {
  private aSpeaking = false;
  private bSpeaking = false;
  /** The caller spoke since the bot's last turn was judged. */
  private callerSpoke = false;
  private bOffT: number | null = null;
  private aOffT: number | null = null;
  private utterance: Utterance | null = null;
  /** Caller onset (call ms) waiting to be confirmed as a barge-in by the bot's windows. */
  private bargeCheck: number | null = null;
  /** Barge-ins on bot utterances that were not turns (a greeting, a prompt after a pause). */
  private bargeInsOutsideTurns = 0;
  private readonly edges: Record<Leg, LegEdges> = { A: new LegEdges(), B: new LegEdges(), botOut: new LegEdges() };
  readonly turns: Turn[] = [];

  /** Feed one level window (call audio time t, ms); returns a turn it completed or updated, if any. */
  onWindow(leg: Leg, t: number, rmsDbfs: number): Turn | null {
    const loud = rmsDbfs > LOUD_DBFS;
    this.edges[leg].add(t, loud);
    if (leg !== 'A' && leg !== 'B') return null;
    let out: Turn | null = null;
    const u = this.utterance;
    if (u && !u.resolved && this.ready(u)) out = this.resolve(u);
    if (leg === 'A' && loud && this.bargeCheck !== null && t + WINDOW_MS > this.bargeCheck) out = this.bargeIn(this.bargeCheck) ?? out;
    return out;
  }

  /** Feed one voice-activity change; returns the turn it created or updated, if any. */
  onVoice(leg: Leg, speaking: boolean, t: number): Turn | null {
    if (leg === 'B') return speaking ? this.callerOn(t) : this.callerOff(t);
    if (leg !== 'A') return null;
    return speaking ? this.botOn(t) : this.botOff(t);
  }

  private callerOn(t: number): Turn | null {
    this.bSpeaking = true;
    this.callerSpoke = true;
    if (!this.aSpeaking) return null;
    const A = this.edges.A;
    if (!A.hasWindows) return this.bargeIn();
    // The caller's own onset, from their windows (the flag is late by the VAD's attack).
    const run = this.edges.B.before(t + WINDOW_MS);
    const onset = run && t - run.start <= MAX_REFINE_MS ? run.start : t;
    this.bargeCheck = onset;
    // The bot's windows after the onset may already be here; if not, its next loud window decides.
    return A.loudAfter(onset) ? this.bargeIn(onset) : null;
  }

  private callerOff(t: number): Turn | null {
    if (!this.bSpeaking) return null;
    this.bSpeaking = false;
    this.bOffT = t;
    return null;
  }

  private botOn(t: number): Turn | null {
    if (this.aSpeaking) return null;
    this.aSpeaking = true;
    // The flag comes on at the second loud window: the run holding t − 20 is this utterance's own.
    const prev = this.edges.A.endedBy(t - WINDOW_MS);
    const u: Utterance = {
      aOnT: t,
      resolved: false,
      aStartT: t,
      turn: null,
      bargeIn: false,
      bFlagOn: this.bSpeaking,
      bOffT: this.bOffT,
      prevAEnd: prev ? prev.end : this.aOffT,
      callerSpoke: this.callerSpoke,
    };
    this.utterance = u;
    this.bargeCheck = null;
    // The windows that turned the flag on may already be here (or never come): judge now.
    return this.ready(u) ? this.resolve(u) : null;
  }

  private botOff(t: number): Turn | null {
    this.aSpeaking = false;
    this.aOffT = t;
    this.bargeCheck = null;
    const u = this.utterance;
    return u && !u.resolved ? this.resolve(u) : null;
  }

  /** Call ended: an utterance still waiting for its level windows is judged with what is known. */
  flush(): Turn | null {
    const u = this.utterance;
    return u && !u.resolved ? this.resolve(u) : null;
  }

  /** The bot's first loud window of this utterance (the flag is late by the VAD's attack). */
  private startOf(u: Utterance): number {
    const run = this.edges.A.before(u.aOnT + WINDOW_MS);
    return run && u.aOnT - run.start <= MAX_REFINE_MS && (u.prevAEnd === null || run.start >= u.prevAEnd) ? run.start : u.aOnT;
  }

  /**
   * Enough windows to judge: the bot's up to its flag, and the caller's up to the bot's start (both
   * legs' windows come in the same batches, but the caller's may lag within one) — unless the
   * caller's last speech is over and their windows have stopped (a leg that went away).
   */
  private ready(u: Utterance): boolean {
    const A = this.edges.A;
    const B = this.edges.B;
    if (A.hasWindows && A.seenTo <= u.aOnT) return false;
    if (B.hasWindows && B.seenTo > this.startOf(u)) {
      // The caller's speech before the bot's start has ended only if the quiet after it lasts.
      const caller = B.before(this.startOf(u));
      if (!caller || caller.end > this.startOf(u)) return true;
      return B.seenTo >= caller.end + END_QUIET_MS || B.startsAfter(caller.end - WINDOW_MS) !== null;
    }
    if (!B.hasWindows) return true;
    const last = B.runs[B.runs.length - 1];
    return !this.bSpeaking && (!last || last.end < B.seenTo);
  }

  /** Decide whether the bot's utterance answered the caller, and when exactly it started. */
  private resolve(u: Utterance): Turn | null {
    u.resolved = true;
    const B = this.edges.B;
    u.aStartT = this.startOf(u);
    if (!u.callerSpoke) return null;
    let bEndT: number | null;
    if (B.hasWindows) {
      const caller = B.before(u.aStartT);
      // Still talking when the bot started: an overlap, not an answer; the caller's speech stays
      // pending, so the bot's next start after the caller stops can be a turn.
      if (!caller || caller.end > u.aStartT) return null;
      // A dip shorter than the hangover: the caller paused between words, their speech goes on.
      const next = B.startsAfter(caller.end - WINDOW_MS);
      if (next && next.start < caller.end + END_QUIET_MS) return null;
      bEndT = caller.end;
    } else {
      if (u.bFlagOn || u.bOffT === null) return null;
      bEndT = u.bOffT;
    }
    this.callerSpoke = false;
    // The caller stopped before the bot's previous audio ended: the bot did not answer that speech.
    if (u.prevAEnd !== null && bEndT < u.prevAEnd) return null;
    const turn: Turn = { index: this.turns.length, bEndT, aStartT: u.aStartT, latencyMs: round1(u.aStartT - bEndT), bargeIn: u.bargeIn };
    if (u.bargeIn) this.bargeInsOutsideTurns--; // counted on the utterance before it became a turn
    u.turn = turn;
    this.turns.push(turn);
    return turn;
  }

  /** The caller talked over the bot's current utterance: mark it once. */
  private bargeIn(onset?: number): Turn | null {
    this.bargeCheck = null;
    const u = this.utterance;
    if (!u || u.bargeIn) return null;
    // A caller who was talking first is not barging in: the bot started over them.
    if (onset !== undefined && onset < (u.resolved ? u.aStartT : this.startOf(u))) return null;
    u.bargeIn = true;
    if (u.turn) {
      u.turn.bargeIn = true;
      return u.turn;
    }
    this.bargeInsOutsideTurns++;
    return null;
  }

  /** Changes when the caller talks over a bot utterance that is not a turn (the summary changes, no turn does). */
  get otherBargeIns(): number {
    return this.bargeInsOutsideTurns;
  }

  summary(): TurnSummary {
    return summariseTurns(this.turns, this.bargeInsOutsideTurns);
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
