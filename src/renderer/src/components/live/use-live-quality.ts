// The call's quality while it runs: the endpoint's figures so far ride along with the level windows
// (about once a second), so gaps, jitter, late and bad frames show during the call, not only after.
import { useState } from 'react';
import type { FrameStats } from '../../../../shared/contract/live';
import { useEvent } from '../../api/client';

export function useLiveQuality(callId: string | null): FrameStats | null {
  const [q, setQ] = useState<{ callId: string; stats: FrameStats } | null>(null);
  useEvent('call:levels', (e) => {
    if (e.callId === callId && e.stats) setQ({ callId, stats: e.stats });
  });
  return q && q.callId === callId ? q.stats : null;
}
