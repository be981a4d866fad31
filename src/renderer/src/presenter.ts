// Presenter mode: masks tokens, phone numbers and extensions everywhere on screen, for screen sharing.
// The flag lives in UI prefs (main process) so every view and export agrees.
import { useSyncExternalStore } from 'react';

let presenter = false;
const listeners = new Set<() => void>();

export function setPresenterMode(on: boolean): void {
  if (on === presenter) return;
  presenter = on;
  for (const l of listeners) l();
}

export function isPresenterMode(): boolean {
  return presenter;
}

export function usePresenter(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => presenter,
  );
}

/** "0912345678" → "09••••••78" (keeps enough to tell numbers apart, hides the rest). */
export function maskPhone(s: string): string {
  const t = s.trim();
  if (t.length <= 4) return '•'.repeat(t.length);
  return t.slice(0, 2) + '•'.repeat(Math.max(2, t.length - 4)) + t.slice(-2);
}

export function maskSecret(s: string): string {
  return s ? '••••••••' : '';
}

/** Masks when presenter mode is on, else returns the value. */
export function usePhone(): (s: string) => string {
  const on = usePresenter();
  return (s: string) => (on ? maskPhone(s) : s);
}
