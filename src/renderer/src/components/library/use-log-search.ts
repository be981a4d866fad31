// Which calls' logs contain a text: main searches each call's log (calls:logPage), a few at a time,
// after typing pauses. Bounded: the newest MAX_SEARCHED calls with a log.
import { useEffect, useState } from 'react';
import type { CallSummary } from '../../../../shared/contract/calls';
import { api } from '../../api/client';

const MAX_SEARCHED = 500;
const PARALLEL = 4;
const PAUSE_MS = 300;

export function useLogSearch(calls: readonly CallSummary[] | null, text: string): { hits: Set<string> | null; searching: boolean } {
  const [state, setState] = useState<{ key: string; hits: Set<string> } | null>(null);
  const q = text.trim();
  const key = `${q}\u0000${(calls ?? []).length}`;
  useEffect(() => {
    if (!q || !calls) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const todo = calls.filter((c) => c.hasLog).slice(0, MAX_SEARCHED);
      const hits = new Set<string>();
      let next = 0;
      const worker = async () => {
        while (!cancelled && next < todo.length) {
          const c = todo[next++]!;
          const page = await api['calls:logPage']({ callId: c.callId, limit: 1, search: q.slice(0, 200) }).catch(() => null);
          if (page && page.matched > 0) hits.add(c.callId);
        }
      };
      void Promise.all(Array.from({ length: PARALLEL }, worker)).then(() => !cancelled && setState({ key, hits }));
    }, PAUSE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q, key, calls]);
  if (!q) return { hits: null, searching: false };
  return state?.key === key ? { hits: state.hits, searching: false } : { hits: null, searching: true };
}
