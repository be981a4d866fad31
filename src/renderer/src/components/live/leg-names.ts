// Legs named by their role when the call's `app` is known (SPEC §5: app=bot — A is the bot's side,
// B the person called; app=dial — A the extension, B the destination), else "Leg A"/"Leg B". The
// app is read from what this console sent: the create-stream history and the simulator's calls.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Leg } from '../../../../shared/contract/live';
import { api } from '../../api/client';

export type CallApp = 'bot' | 'dial';

async function findApp(callId: string): Promise<CallApp | null> {
  const [history, sim] = await Promise.all([api['psr:history']({ limit: 200 }).catch(() => null), api['simulator:status']().catch(() => null)]);
  const fromSim = sim?.calls.find((c) => c.callId === callId)?.app;
  if (fromSim) return fromSim;
  return history?.entries.find((e) => e.response?.data.call_id === callId)?.request.app ?? null;
}

/** The call's app, once known (null while unknown or for calls the console did not create). */
export function useCallApp(callId: string | null, known?: CallApp | null): CallApp | null {
  const [app, setApp] = useState<{ callId: string; app: CallApp | null } | null>(null);
  useEffect(() => {
    if (!callId || known) return;
    let cancelled = false;
    void findApp(callId).then((a) => !cancelled && setApp({ callId, app: a }));
    return () => {
      cancelled = true;
    };
  }, [callId, known]);
  return known ?? (app && app.callId === callId ? app.app : null);
}

/** Names for each leg, in the UI language: the same in meters, timeline, listening and the library. */
export function useLegNames(app: CallApp | null): (leg: Leg) => string {
  const { t } = useTranslation('live');
  return (leg) => (app && leg !== 'botOut' ? t(`legRole.${app}.${leg}`) : t(`leg.${leg}`));
}
