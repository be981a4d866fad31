// Voice activity, actions and turns of one call: what main already has (calls:get, so opening the
// view mid-call shows the whole call), then live events as they come.
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract';
import type { Turn, TurnSummary } from '../../../../shared/contract/calls';
import type { CallAction } from '../../../../shared/contract/live';
import { api, useEvent } from '../../api/client';

export type VoiceEvent = EventPayload<'call:voice'>;

export interface CallActivity {
  voice: VoiceEvent[];
  actions: CallAction[];
  turns: Turn[];
  summary: TurnSummary | null;
  /** Call audio time (ms) where the call's audio ends, as main knew it when asked. */
  endT: number | null;
}

const empty: CallActivity = { voice: [], actions: [], turns: [], summary: null, endT: null };
const voiceKey = (v: VoiceEvent) => `${v.leg}:${v.t}:${v.speaking}`;
const actionKey = (a: CallAction) => `${a.kind}:${a.t}:${a.at}`;

export function useCallActivity(callId: string | null): CallActivity {
  const [state, setState] = useState<CallActivity>(empty);

  useEffect(() => {
    setState(empty);
    if (!callId) return;
    let cancelled = false;
    api['calls:get']({ callId })
      .then((d) => {
        if (cancelled) return;
        // Merge with whatever live events arrived while the request was in flight.
        setState((cur) => ({
          voice: dedupe([...d.voice, ...cur.voice], voiceKey).sort((a, b) => a.t - b.t),
          actions: dedupe([...d.actions, ...cur.actions], actionKey).sort((a, b) => a.t - b.t),
          turns: cur.turns.length > d.turns.length ? cur.turns : d.turns,
          summary: cur.summary ?? (d.summary.turns.count || d.summary.turns.bargeIns ? d.summary.turns : null),
          endT: d.endT ?? cur.endT,
        }));
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [callId]);

  useEvent('call:voice', (v) => {
    if (v.callId === callId) setState((s) => ({ ...s, voice: [...s.voice, v] }));
  });
  useEvent('call:action', (a) => {
    if (a.callId === callId) setState((s) => ({ ...s, actions: [...s.actions, a] }));
  });
  useEvent('calls:turn', (e) => {
    if (e.callId !== callId) return;
    const turn = e.turn;
    setState((s) => {
      if (!turn) return { ...s, summary: e.summary };
      const turns = s.turns.filter((t) => t.index !== turn.index);
      turns.push(turn);
      turns.sort((a, b) => a.index - b.index);
      return { ...s, turns, summary: e.summary };
    });
  });
  return state;
}

function dedupe<T>(items: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Speech segments of one leg, [start, end) in call ms; an open segment ends at `nowT`. */
export function segmentsOf(voice: readonly VoiceEvent[], leg: string, nowT: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start: number | null = null;
  for (const v of voice) {
    if (v.leg !== leg) continue;
    if (v.speaking && start === null) start = v.t;
    else if (!v.speaking && start !== null) {
      out.push([start, v.t]);
      start = null;
    }
  }
  if (start !== null) out.push([start, Math.max(start, nowT)]);
  return out;
}
