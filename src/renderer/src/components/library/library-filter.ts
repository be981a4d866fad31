// Filtering the call library: by date, tenant, source, duration and text (in the call's facts or,
// searched by main, in its log). Pure, so the screen and its tests share it.
import type { CallSummary } from '../../../../shared/contract/calls';

export interface LibraryFilter {
  text: string;
  /** yyyy-mm-dd (local), inclusive; '' = no bound. */
  from: string;
  to: string;
  tenant: string;
  source: string;
  /** Seconds, as typed; '' = no bound. */
  minS: string;
  maxS: string;
}

export const emptyFilter: LibraryFilter = { text: '', from: '', to: '', tenant: '', source: '', minS: '', maxS: '' };

export const isFiltering = (f: LibraryFilter) => Object.values(f).some((v) => v.trim() !== '');

const dayStart = (d: string) => new Date(`${d}T00:00:00`).getTime();

/** Whether the call's own facts contain the text (the log is searched separately). */
export function factsMatch(c: CallSummary, text: string): boolean {
  const q = text.trim().toLowerCase();
  return [c.callId, c.tenant ?? '', c.reason ?? '', ...c.sources].some((s) => s.toLowerCase().includes(q));
}

/** `logHits`: ids whose log contains the text (null while not searched). */
export function filterCalls(calls: readonly CallSummary[], f: LibraryFilter, logHits: ReadonlySet<string> | null): CallSummary[] {
  const from = f.from ? dayStart(f.from) : null;
  const to = f.to ? dayStart(f.to) + 86_400_000 : null;
  const min = f.minS.trim() === '' ? null : Number(f.minS) * 1000;
  const max = f.maxS.trim() === '' ? null : Number(f.maxS) * 1000;
  return calls.filter((c) => {
    if (from !== null && (c.startedAt === null || c.startedAt < from)) return false;
    if (to !== null && (c.startedAt === null || c.startedAt >= to)) return false;
    if (f.tenant && c.tenant !== f.tenant) return false;
    if (f.source && !c.sources.includes(f.source as CallSummary['sources'][number])) return false;
    if (min !== null && Number.isFinite(min) && (c.durationMs === null || c.durationMs < min)) return false;
    if (max !== null && Number.isFinite(max) && (c.durationMs === null || c.durationMs > max)) return false;
    if (f.text.trim() && !factsMatch(c, f.text) && !logHits?.has(c.callId)) return false;
    return true;
  });
}
