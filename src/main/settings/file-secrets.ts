// Web/CLI mode token storage: a JSON file readable only by its owner (mode 0600).
// It is NOT encrypted by the OS; the UI says so (see `note`). The desktop app uses safeStorage instead.
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from './settings-store';

export const ownerOnlyNote =
  'Web/CLI mode: tokens are kept in secrets.json, readable only by your user account (mode 0600). They are not encrypted by the operating system; the desktop app encrypts them with the OS keychain.';

export function openFileSecrets(dataDir: string, warnings: string[] = []): SecretStore {
  const file = path.join(dataDir, 'secrets.json');
  fs.mkdirSync(dataDir, { recursive: true });
  let data: Record<string, string> = {};
  if (fs.existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, string>;
      else throw new Error('not a JSON object');
    } catch (e) {
      const backup = file.replace(/\.json$/, `.corrupt-${Date.now()}.json`);
      fs.renameSync(file, backup);
      fs.chmodSync(backup, 0o600);
      warnings.push(`The token file could not be read (${e instanceof Error ? e.message : String(e)}); it was kept as ${backup}. Re-enter tokens.`);
    }
    fs.chmodSync(file, 0o600);
  }
  const save = () => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  };
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
