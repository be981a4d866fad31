// The facts the stage needs beyond the live events: which app the call runs (to name the legs by
// role) and whom it calls. From the create-stream request main kept for the call, else from the
// built-in simulator's record of it (the demo call). Asked once per call.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CallApp } from '../live/leg-names';

export interface CallFacts {
  app: CallApp | null;
  destination: string | null;
}

const unknown: CallFacts = { app: null, destination: null };

function fromRequest(request: unknown): CallFacts | null {
  if (!request || typeof request !== 'object') return null;
  const r = request as Record<string, unknown>;
  const app = r.app === 'bot' || r.app === 'dial' ? r.app : r.app === undefined ? 'dial' : null;
  const destination = typeof r.destination === 'string' ? r.destination : null;
  return destination === null && app === null ? null : { app, destination };
}

export function useCallFacts(callId: string | null): CallFacts {
  const [facts, setFacts] = useState<CallFacts>(unknown);
  useEffect(() => {
    setFacts(unknown);
    if (!callId) return;
    let cancelled = false;
    const load = async (): Promise<CallFacts> => {
      const detail = await api['calls:get']({ callId }).catch(() => null);
      const fromHistory = fromRequest(detail?.request);
      if (fromHistory) return fromHistory;
      const sim = await api['simulator:status']().catch(() => null);
      const c = sim?.calls.find((x) => x.callId === callId);
      return c ? { app: c.app, destination: c.destination } : unknown;
    };
    void load().then((f) => {
      if (!cancelled) setFacts(f);
    });
    return () => {
      cancelled = true;
    };
  }, [callId]);
  return facts;
}
