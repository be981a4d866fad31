// Web/CLI mode token storage: a JSON file readable only by its owner (mode 0600).
// It is NOT encrypted by the OS; the UI says so (see `note`). The desktop app uses safeStorage instead.
// A damaged file is kept as an owner-only backup and reported; the app starts with no tokens.
import fs from 'node:fs';
import path from 'node:path';
import type { DataReset } from '../../shared/contract/app';
import { backupDamagedFile } from './checked-settings';
import type { SecretStore } from './settings-store';

export const ownerOnlyNote =
  'Web/CLI mode: tokens are kept in secrets.json, readable only by your user account (mode 0600). They are not encrypted by the operating system; the desktop app encrypts them with the OS keychain.';

function readTokens(file: string): { data: Record<string, string>; problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { data: {}, problem: `not readable as JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { data: {}, problem: 'is not a JSON object' };
  const data: Record<string, string> = {};
  const wrong: string[] = [];
  for (const [id, v] of Object.entries(parsed)) {
    if (typeof v === 'string') data[id] = v;
    else wrong.push(id);
  }
  return wrong.length ? { data, problem: `the tokens of ${wrong.map((w) => `'${w.slice(0, 60)}'`).join(', ')} are not text` } : { data };
}

export function openFileSecrets(dataDir: string, onReset: (reset: DataReset) => void = () => {}): SecretStore {
  const file = path.join(dataDir, 'secrets.json');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let data: Record<string, string> = {};
  if (fs.existsSync(file)) {
    const read = readTokens(file);
    data = read.data;
    if (read.problem) {
      const now = Date.now();
      const backup = backupDamagedFile(file, 'corrupt', 'move', now);
      onReset({ part: 'tokens', file, backup, reason: read.problem, at: now });
    } else {
      fs.chmodSync(file, 0o600);
    }
  }
  const save = () => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  };
  if (Object.keys(data).length && !fs.existsSync(file)) save();
  return {
    kind: 'owner-only-file',
    note: ownerOnlyNote,
    get: (id) => data[id],
    set: (id, secret) => {
      data[id] = secret;
      save();
    },
    delete: (id) => {
      delete data[id];
      save();
    },
  };
}
