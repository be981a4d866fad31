// What is known of a call once it has ended: the stream figures (from call:ended as it happens, or
// from the library for a call that ended before the view opened) and its recordings.
import { useEffect, useState } from 'react';
import type { RecordingRef } from '../../../../shared/contract/calls';
import type { FrameStats } from '../../../../shared/contract/live';
import { api, useEvent } from '../../api/client';

export interface EndedCall {
  stats: FrameStats | null;
  recordings: RecordingRef[];
}

export function useEndedCall(callId: string | null, ended: boolean): EndedCall | null {
  const [q, setQ] = useState<(EndedCall & { callId: string }) | null>(null);
  useEffect(() => {
    if (!callId || !ended) return;
    let cancelled = false;
    // The recording is finalised just after call:ended; the library lists it from then on.
    api['calls:get']({ callId })
      .then((d) => !cancelled && setQ((cur) => ({ callId, stats: (cur?.callId === callId ? cur.stats : null) ?? d.summary.quality ?? null, recordings: d.summary.recordings })))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [callId, ended]);
  useEvent('call:ended', (e) => {
    if (e.callId === callId) setQ((cur) => ({ callId, stats: e.stats, recordings: cur?.callId === callId ? cur.recordings : [] }));
  });
  useEvent('calls:changed', () => {
    if (!callId || !ended) return;
    api['calls:get']({ callId })
      .then((d) => setQ((cur) => ({ callId, stats: (cur?.callId === callId ? cur.stats : null) ?? d.summary.quality ?? null, recordings: d.summary.recordings })))
      .catch(() => {});
  });
  return q && q.callId === callId ? q : null;
}
