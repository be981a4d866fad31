// Opening the settings file safely, for both stores (conf in web/CLI mode, electron-store on the desktop):
// a file that is not a JSON object is moved aside; a key whose value has the wrong shape is reset to its
// defaults after the whole file is copied aside. Each reset is remembered in the settings themselves
// ('dataResets') and shown until the user dismisses it, so a second start still says what happened.
import fs from 'node:fs';
import { z } from 'zod';
import { dataResetSchema, type DataReset } from '../../shared/contract/app';
import { settingsKeySchemas } from './settings-schemas';
import type { SettingsStore } from './settings-store';

const RESETS_KEY = 'dataResets';
/** Notices kept at most (the oldest go first). */
export const MAX_DATA_RESETS = 20;

export interface RawStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}

const stamp = (now: number) => new Date(now).toISOString().replace(/[:.]/g, '-');

/** Moves (or copies) a damaged file to `<name>.<kind>-<time>.json`, readable by its owner only. */
export function backupDamagedFile(file: string, kind: 'corrupt' | 'damaged', how: 'move' | 'copy', now = Date.now()): string {
  const base = file.replace(/\.json$/, '');
  let backup = `${base}.${kind}-${stamp(now)}.json`;
  for (let i = 2; fs.existsSync(backup); i++) backup = `${base}.${kind}-${stamp(now)}-${i}.json`;
  if (how === 'move') fs.renameSync(file, backup);
  else fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(backup, 0o600);
  return backup;
}

/** Why a file is not a JSON object, or undefined when it is (or is absent or empty). */
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

export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
    .join('; ');
}

/** Run before the store opens the file: moves a file that is not JSON aside. */
export function setAsideUnreadable(file: string, now = Date.now()): DataReset | undefined {
  const problem = checkJsonFile(file);
  if (!problem) return undefined;
  const backup = backupDamagedFile(file, 'corrupt', 'move', now);
  return { part: 'settings', file, backup, reason: `not readable as JSON: ${problem}`, at: now };
}

/** Wraps an opened store: checks each known key, resets the damaged ones, keeps the notices. */
export function checkedSettings(raw: RawStore, before: DataReset | undefined, now = Date.now()): SettingsStore {
  const found: DataReset[] = before ? [before] : [];
  const bad: Array<{ key: string; reason: string }> = [];
  for (const [key, schema] of Object.entries(settingsKeySchemas)) {
    const value = raw.get(key);
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) bad.push({ key, reason: describeZodIssues(parsed.error) });
  }
  if (bad.length > 0) {
    const backup = backupDamagedFile(raw.path, 'damaged', 'copy', now);
    for (const b of bad) {
      raw.delete(b.key);
      found.push({ part: `settings.${b.key}`, file: raw.path, backup, reason: b.reason, at: now });
    }
  }
  const stored = () => {
    const parsed = z.array(dataResetSchema).safeParse(raw.get(RESETS_KEY) ?? []);
    return parsed.success ? parsed.data : [];
  };
  const record = (list: DataReset[]) => {
    if (list.length) raw.set(RESETS_KEY, [...stored(), ...list].slice(-MAX_DATA_RESETS));
  };
  record(found);
  return {
    get: <T>(key: string) => raw.get(key) as T | undefined,
    set: (key, value) => raw.set(key, value),
    delete: (key) => raw.delete(key),
    path: raw.path,
    resets: stored,
    recordReset: (r) => record([r]),
    clearResets: () => raw.delete(RESETS_KEY),
  };
}
