// Whether the live view shows the demo stage. A module store, so Home can ask for the stage before
// it navigates to the live view (the demo call opens on the stage), and the choice survives the
// live view re-mounting.
import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

export function setStageOpen(on: boolean): void {
  if (on === open) return;
  open = on;
  for (const l of listeners) l();
}

export function useStageOpen(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => open,
  );
}
