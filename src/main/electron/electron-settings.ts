// Desktop settings via electron-store (same JSON format as `conf` in web mode).
import path from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { backupCorruptFile, checkJsonFile } from '../settings/conf-settings';
import type { SettingsStore } from '../settings/settings-store';

export function openElectronSettings(): SettingsStore {
  const file = path.join(app.getPath('userData'), 'settings.json');
  const warnings: string[] = [];
  const problem = checkJsonFile(file);
  if (problem) {
    const backup = backupCorruptFile(file);
    warnings.push(`The settings file ${file} could not be read (${problem}). It was kept as ${backup} and new settings were started.`);
  }
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false, accessPropertiesByDotNotation: false });
  return {
    get: <T>(key: string) => store.get(key) as T | undefined,
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    path: store.path,
    warnings,
  };
}
