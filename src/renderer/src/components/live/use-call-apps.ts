// Which app (bot or dial) each call runs, read from what this console sent: the create-stream history
// and the simulator's calls. Calls the console did not create stay unknown (legs keep neutral names).
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CallApp } from './leg-names';

/** Every call's app this console knows of (history and simulator), fetched once. */
async function knownApps(): Promise<Map<string, CallApp>> {
  const [history, sim] = await Promise.all([api['psr:history']({ limit: 200 }).catch(() => null), api['simulator:status']().catch(() => null)]);
  const apps = new Map<string, CallApp>();
  for (const e of history?.entries ?? []) {
    const id = e.response?.data.call_id;
    if (id && e.request.app) apps.set(id, e.request.app);
  }
  for (const c of sim?.calls ?? []) if (c.app) apps.set(c.callId, c.app);
  return apps;
}

/** The app of each call the console created; `refresh` changes when the list should be read again. */
export function useCallApps(refresh: unknown): Map<string, CallApp> {
  const [apps, setApps] = useState<Map<string, CallApp>>(() => new Map());
  useEffect(() => {
    let cancelled = false;
    void knownApps().then((a) => !cancelled && setApps(a));
    return () => {
      cancelled = true;
    };
  }, [refresh]);
  return apps;
}

/** The call's app, once known (null while unknown or for calls the console did not create). */
export function useCallApp(callId: string | null, known?: CallApp | null): CallApp | null {
  const [app, setApp] = useState<{ callId: string; app: CallApp | null } | null>(null);
  useEffect(() => {
    if (!callId || known) return;
    let cancelled = false;
    void knownApps().then((a) => !cancelled && setApp({ callId, app: a.get(callId) ?? null }));
    return () => {
      cancelled = true;
    };
  }, [callId, known]);
  return known ?? (app && app.callId === callId ? app.app : null);
}
