// Export and import of one call as one file (bundle.ts). Export reads the call's own files (the
// endpoint's call log and recording, or an imported copy's bundle). Import never touches local
// files: the copy gets its own identity, `<call_id>~imported` (then `~imported-2`…), so it cannot
// merge with, shadow or delete a call recorded here; importing the same export twice is refused.
// A call id too long for that suffix keeps its start and gets a short hash of the whole id instead
// of its end, so the copy's id stays within the call id limit, recognisable and distinct.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { requestNumbers } from '../../shared/mask';
import { bundleSchema, serialiseBundle, type Bundle, type BundleV2, type FreeFormLimit } from './bundle';
import type { CallStore } from './call-store';
import { ownSummarySchema, readJson, type OwnSummary } from './disk';
import { summaryOf } from './live-calls';

export interface TransferDeps {
  store: CallStore;
  now: () => number;
  /** Every token known to the app, scrubbed from exports. */
  secrets: () => string[];
  /** Presenter mode: exports mask the call's phone numbers and extensions too. */
  presenter?: (() => boolean) | undefined;
  changed: (reason: string) => void;
}

const IMPORTED = /~imported(?:-\d+)?$/;
/** The longest call id callIdSchema accepts (src/shared/contract/calls.ts). */
const CALL_ID_MAX = 160;
/** Hex digits of the whole id's hash that stand for the part of a long id cut off. */
const ID_HASH_CHARS = 8;

/** The id of an imported copy: `<base>~imported` or `<base>~imported-<n>`, shortened to fit the call id limit. */
export function importedCallId(base: string, n: number): string {
  const suffix = n === 1 ? '~imported' : `~imported-${n}`;
  if (base.length + suffix.length <= CALL_ID_MAX) return base + suffix;
  const hash = createHash('sha256').update(base).digest('hex').slice(0, ID_HASH_CHARS);
  return `${base.slice(0, CALL_ID_MAX - suffix.length - ID_HASH_CHARS - 1)}-${hash}${suffix}`;
}

export class CallTransfer {
  constructor(private readonly d: TransferDeps) {}

  async export(callId: string): Promise<{ fileName: string; content: string }> {
    const { store } = this.d;
    const summary = await store.summary(callId);
    const imported = summary.sources.includes('imported') ? await store.readBundle(callId) : null;
    const { record, parts } = await store.read(callId, true);
    const detail = await store.library.historyFor(callId);
    const recordings = imported
      ? imported.recordings
      : await Promise.all(
          summary.recordings.map(async (r) => ({
            kind: r.kind,
            name: r.id,
            base64: (await store.recordingBytes(callId, r.id)).toString('base64'),
          })),
        );
    const own = ownSummarySchema.safeParse(await readJson(store.disk.liveSummary(callId)));
    const bundle: Omit<BundleV2, 'recordings'> = {
      format: 'psr-console-call',
      version: 2,
      exportedAt: this.d.now(),
      callId,
      summary: {
        startedAt: summary.startedAt,
        endedAt: summary.endedAt,
        legs: summary.legs,
        channel: summary.channel,
        tenant: summary.tenant,
        reason: summary.reason,
        sources: summary.sources,
      },
      meta: imported?.meta ?? (await store.library.metaFiles(callId)),
      request: detail?.request ?? imported?.request ?? null,
      response: detail?.response ?? imported?.response ?? null,
      // A version 1 import is exported with the log it was loaded into (entries as memory keeps them).
      log: parts.entries.length > 0 ? [...parts.entries] : record.log,
      turns: own.success ? own.data.turns : summary.turns,
    };
    const masked = this.d.presenter?.() ? requestNumbers(bundle.request) : [];
    return { fileName: `psr-call-${callId}.json`, content: serialiseBundle(bundle, recordings, this.d.secrets(), masked) };
  }

  async import(content: string): Promise<{ callId: string }> {
    const bundle = parseBundle(content);
    const { store } = this.d;
    const importId = await this.importIdFor(bundle);
    await fs.promises.mkdir(store.disk.importedDir, { recursive: true });
    // Exclusive create: two imports at once never share an id.
    await fs.promises.writeFile(store.disk.importedBundle(importId), JSON.stringify({ ...bundle, callId: importId }), { flag: 'wx' });
    try {
      await this.writeSummary(bundle, importId);
    } catch (e) {
      // No half-imported copy: without its summary the bundle would be an entry nobody asked for.
      await Promise.allSettled([store.disk.importedBundle(importId), store.disk.importedSummary(importId)].map((f) => fs.promises.rm(f, { force: true })));
      store.drop(importId);
      throw e;
    }
    store.drop(importId);
    this.d.changed('imported');
    return { callId: importId };
  }

  private async writeSummary(bundle: Bundle, importId: string): Promise<void> {
    const { store } = this.d;
    const { record } = await store.read(importId, false);
    const summary: OwnSummary = {
      ...summaryOf(record, bundle.version === 2 ? bundle.log.length : record.log.length),
      callId: importId,
      source: 'imported',
      startedAt: bundle.summary.startedAt,
      endedAt: bundle.summary.endedAt,
      legs: bundle.summary.legs,
      channel: bundle.summary.channel,
      tenant: bundle.summary.tenant,
      reason: bundle.summary.reason,
      turns: bundle.version === 2 && bundle.turns ? bundle.turns : record.turns.summary(),
      recordings: bundle.recordings.map((r) => ({ kind: r.kind, size: Math.floor((r.base64.length * 3) / 4) })),
    };
    await fs.promises.writeFile(store.disk.importedSummary(importId), JSON.stringify(summary));
  }

  /** `<call_id>~imported`, or the next free `~imported-N`; the same export imported twice is refused. */
  private async importIdFor(bundle: Bundle): Promise<string> {
    const base = bundle.callId.replace(IMPORTED, '');
    const { disk } = this.d.store;
    for (let n = 1; n < 1000; n++) {
      const id = importedCallId(base, n);
      const existing = bundleSchema.safeParse(await readJson(disk.importedBundle(id)));
      if (fs.existsSync(disk.importedBundle(id))) {
        if (existing.success && existing.data.exportedAt === bundle.exportedAt && existing.data.summary.startedAt === bundle.summary.startedAt) {
          throw new AppError('CALL_IMPORT_EXISTS', `field 'content': this export of '${bundle.callId}' is already in the library as '${id}'`, 'content');
        }
        continue;
      }
      return id;
    }
    throw new AppError('CALL_IMPORT_EXISTS', `field 'content': '${bundle.callId}' has been imported too many times`, 'content');
  }
}

function parseBundle(content: string): Bundle {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new AppError('CALL_IMPORT_INVALID', "field 'content': expected the JSON text of a file exported by PSR Console", 'content');
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) if (i.code === 'custom' && isFreeFormLimit(i.params)) throw overLimit(fieldPath(i.path), i.params);
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'content';
    throw new AppError('CALL_IMPORT_INVALID', `field '${where}': expected a PSR Console call export (${issue?.message ?? 'invalid'})`, 'content');
  }
  return parsed.data;
}

function isFreeFormLimit(p: unknown): p is FreeFormLimit {
  return typeof p === 'object' && p !== null && 'bundleLimit' in p;
}

/** A path into the file as it is written there: `request`, `lines[3].p`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('') || 'content';
}

function overLimit(where: string, l: FreeFormLimit): AppError {
  if (l.bundleLimit === 'depth') {
    return new AppError('CALL_IMPORT_LIMIT', `field '${where}' of the file: expected JSON nested at most ${l.limit} levels deep, got deeper`, 'content', { context: 'depth', where, limit: l.limit });
  }
  const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return new AppError('CALL_IMPORT_LIMIT', `field '${where}' of the file: expected at most ${l.limit} bytes of JSON, got ${l.bytes}`, 'content', {
    context: 'size',
    where,
    sizeMiB: mib(l.bytes),
    limitMiB: mib(l.limit),
  });
}
