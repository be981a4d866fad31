// Which calls this process knows about, and which one the live view shows. By default the view
// follows the newest call, so starting a call anywhere brings it up; picking one pins it.
import { useCallback, useEffect, useState } from 'react';
import type { LiveCall } from '../../../../shared/contract/calls';
import { api, useEvent } from '../../api/client';

export function useLiveCalls(): {
  calls: LiveCall[];
  selected: LiveCall | null;
  select: (callId: string | null) => void;
  following: boolean;
} {
  const [calls, setCalls] = useState<LiveCall[]>([]);
  const [pinned, setPinned] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api['calls:live']()
      .then((r) => setCalls(r.calls))
      .catch(() => {});
  }, []);

  useEffect(refresh, [refresh]);
  useEvent('call:started', refresh);
  useEvent('call:ended', refresh);
  useEvent('calls:changed', refresh);

  const selected = (pinned ? calls.find((c) => c.started.callId === pinned) : undefined) ?? calls.find((c) => !c.ended) ?? calls[0] ?? null;
  return { calls, selected, select: setPinned, following: pinned === null };
}

/**
 * The call's audio clock (ms), from the newest level window: drives the timeline's "now". Per leg
 * too, because a leg whose audio stops (the bot's output between prompts) has no newer windows.
 */
export interface CallClock {
  current: number;
  legs: Record<string, number>;
}

export function useCallClock(callId: string | null): CallClock {
  const [clock] = useState<CallClock>(() => ({ current: 0, legs: {} }));
  useEffect(() => {
    clock.current = 0;
    clock.legs = {};
  }, [callId, clock]);
  useEvent('call:levels', (p) => {
    if (p.callId !== callId) return;
    for (const w of p.windows) {
      const end = w.t + 20;
      // "Bot out" runs on the bot's own clock (it may send a prompt faster than real time).
      if (w.leg !== 'botOut' && end > clock.current) clock.current = end;
      if (end > (clock.legs[w.leg] ?? 0)) clock.legs[w.leg] = end;
    }
  });
  return clock;
}
