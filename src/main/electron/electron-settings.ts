// Desktop settings via electron-store (same JSON format as `conf` in web mode); damaged files and keys
// are kept aside and reported (see settings/checked-settings.ts).
import path from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { checkedSettings, setAsideUnreadable } from '../settings/checked-settings';
import type { SettingsStore } from '../settings/settings-store';

export function openElectronSettings(): SettingsStore {
  const before = setAsideUnreadable(path.join(app.getPath('userData'), 'settings.json'));
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false, accessPropertiesByDotNotation: false, configFileMode: 0o600 });
  return checkedSettings({ get: (k) => store.get(k), set: (k, v) => store.set(k, v), delete: (k) => store.delete(k), path: store.path }, before);
}
