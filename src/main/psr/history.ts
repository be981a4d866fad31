// Create-stream history: one JSON file per request under <dataDir>/history/. Never holds a token:
// entries are built from the request, the profile's name/URL and PSR's answer, and every string in
// them is scrubbed (PSR may echo the Authorization header back, JSON-escaped or base64).
import fs from 'node:fs';
import path from 'node:path';
import { historyEntrySchema, type HistoryEntry } from '../../shared/contract/psr';
import { redactDeep, redactSecrets } from '../../shared/redact';
import type { Logger } from '../logger';
import { PsrError } from './http';

const ID = /^[0-9a-z-]{6,80}$/;

export class HistoryStore {
  readonly dir: string;
  constructor(
    dataDir: string,
    private readonly logger: Logger,
    /** Tokens to scrub from anything saved (PSR might echo a header back in an error body). */
    private readonly secrets: () => string[] = () => [],
  ) {
    this.dir = path.join(dataDir, 'history');
  }

  add(entry: HistoryEntry): HistoryEntry {
    const secrets = this.secrets();
    const clean = redactDeep(historyEntrySchema.parse(entry), (s) => redactSecrets(s, secrets));
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${clean.id}.json`);
    // Write then rename, so a crash never leaves a half-written entry.
    fs.writeFileSync(file + '.tmp', JSON.stringify(clean, null, 2));
    fs.renameSync(file + '.tmp', file);
    return clean;
  }

  list(limit = 200): HistoryEntry[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const out: HistoryEntry[] = [];
    for (const n of names) {
      try {
        const parsed = historyEntrySchema.safeParse(JSON.parse(fs.readFileSync(path.join(this.dir, n), 'utf8')));
        if (parsed.success) out.push(parsed.data);
        else this.logger.warn('psr.history.skipped', { file: n, reason: parsed.error.issues[0]?.message });
      } catch (e) {
        this.logger.warn('psr.history.skipped', { file: n, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return out.sort((a, b) => b.at - a.at).slice(0, limit);
  }

  delete(id: string): void {
    if (!ID.test(id)) throw new PsrError('PSR_HISTORY_NOT_FOUND', `No history entry '${id}'`, { field: 'id' });
    try {
      fs.unlinkSync(path.join(this.dir, `${id}.json`));
    } catch {
      throw new PsrError('PSR_HISTORY_NOT_FOUND', `No history entry '${id}'`, { field: 'id' });
    }
  }
}
