// The call's state in plain words, from who is speaking now (voice activity of legs A and B) and
// whether the call has ended. "Waiting for an answer" is the gap the turn latency measures.
import type { VoiceEvent } from '../live/use-call-activity';

export type StageState =
  | { kind: 'waiting' }
  | { kind: 'speaking'; leg: 'A' | 'B' }
  | { kind: 'overlap' }
  | { kind: 'thinking' }
  | { kind: 'listening' }
  | { kind: 'ended'; reason: string | null };

export function stageState(voice: readonly VoiceEvent[], ended: boolean, reason: string | null): StageState {
  if (ended) return { kind: 'ended', reason };
  let a: VoiceEvent | null = null;
  let b: VoiceEvent | null = null;
  for (const v of voice) {
    if (v.leg === 'A' && (!a || v.t >= a.t)) a = v;
    else if (v.leg === 'B' && (!b || v.t >= b.t)) b = v;
  }
  if (!a && !b) return { kind: 'waiting' };
  const aOn = a?.speaking ?? false;
  const bOn = b?.speaking ?? false;
  if (aOn && bOn) return { kind: 'overlap' };
  if (aOn) return { kind: 'speaking', leg: 'A' };
  if (bOn) return { kind: 'speaking', leg: 'B' };
  // Both quiet: the caller spoke last → the bot owes an answer; else it waits for the caller.
  if (b && (!a || b.t > a.t)) return { kind: 'thinking' };
  return { kind: 'listening' };
}

/**
 * Call audio times (ms) where the caller (B) started talking while the bot (A) was speaking: the first
 * such start in each bot utterance, as the turn tracker counts barge-ins (once per utterance).
 */
export function bargeInTimes(voice: readonly VoiceEvent[]): number[] {
  const out: number[] = [];
  let aOn = false;
  let bOn = false;
  let marked = false;
  for (const v of voice) {
    if (v.leg === 'A') {
      if (v.speaking && !aOn) marked = false;
      aOn = v.speaking;
    } else if (v.leg === 'B') {
      if (v.speaking && !bOn && aOn && !marked) {
        out.push(v.t);
        marked = true;
      }
      bOn = v.speaking;
    }
  }
  return out;
}
