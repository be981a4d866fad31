// Settings for web/CLI mode via `conf` (same JSON format as electron-store). Damaged files and keys are
// kept aside and reported, never silently wiped (see checked-settings.ts).
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { checkedSettings, setAsideUnreadable } from './checked-settings';
import type { SettingsStore } from './settings-store';

export function openConfSettings(dataDir: string, name = 'settings'): SettingsStore {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const before = setAsideUnreadable(path.join(dataDir, `${name}.json`));
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: name,
    projectName: 'psr-console',
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });
  return checkedSettings(
    { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k), path: conf.path },
    before,
  );
}
