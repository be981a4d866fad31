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

/** The call's audio clock (ms), from the newest level window: drives the timeline's "now". */
export function useCallClock(callId: string | null): { current: number } {
  const [clock] = useState(() => ({ current: 0 }));
  useEffect(() => {
    clock.current = 0;
  }, [callId, clock]);
  useEvent('call:levels', (p) => {
    if (p.callId !== callId) return;
    for (const w of p.windows) if (w.t + 20 > clock.current) clock.current = w.t + 20;
  });
  return clock;
}
