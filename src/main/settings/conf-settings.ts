// Settings for web/CLI mode via `conf` (same JSON format as electron-store).
// A corrupt file is moved aside as settings.corrupt-<time>.json and reported, never silently wiped.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { SettingsStore } from './settings-store';

export function backupCorruptFile(file: string): string {
  const backup = file.replace(/\.json$/, '') + `.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  fs.renameSync(file, backup);
  return backup;
}

/** Returns a warning when the file exists but is not a JSON object. */
export function checkJsonFile(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  if (text.trim() === '') return undefined;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return undefined;
    return 'is not a JSON object';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function openConfSettings(dataDir: string, name = 'settings'): SettingsStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `${name}.json`);
  const warnings: string[] = [];
  const problem = checkJsonFile(file);
  if (problem) {
    const backup = backupCorruptFile(file);
    warnings.push(`The settings file ${file} could not be read (${problem}). It was kept as ${backup} and new settings were started.`);
  }
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: name,
    projectName: 'psr-console',
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });
  return {
    get: <T>(key: string) => conf.get(key) as T | undefined,
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
    path: conf.path,
    warnings,
  };
}
