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

export { maskPhone } from '../../shared/mask';
import { maskPhone } from '../../shared/mask';

export function maskSecret(s: string): string {
  return s ? '••••••••' : '';
}

/** Masks when presenter mode is on, else returns the value. */
export function usePhone(): (s: string) => string {
  const on = usePresenter();
  return (s: string) => (on ? maskPhone(s) : s);
}

/** The built-in simulator profile is named by the app, so its name follows the UI language. */
export function profileDisplayName(p: { name: string; builtin: boolean }, t: (key: string) => string): string {
  return p.builtin ? t('profiles:builtinName') : p.name;
}
