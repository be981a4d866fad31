// The call's log, kept in main and paged into a virtualised list: only the visible rows exist in the
// DOM, pages of 100 rows are fetched as the list scrolls, so a long call or a hidden view loses nothing.
// Runs of `media` messages (one every 20 ms) come folded into one summary row each; a run can be
// opened to list its messages.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogRow, MediaRun } from '../../../../shared/contract/calls';
import type { LogEntry } from '../../../../shared/contract/live';
import { api, useEvent } from '../../api/client';
import { formatClock, formatNumber, formatSeconds } from '../../i18n/format';
import { describeLogLine } from '../../i18n/describe';

const ROW_H = 26;
const VIEW_H = 364;
const PAGE = 100;
type Dir = 'in' | 'out' | 'internal';

const clock = formatClock;

export function EventLog({ callId, live }: { callId: string; live: boolean }) {
  const { t } = useTranslation('live');
  const [type, setType] = useState('');
  const [dir, setDir] = useState<Dir | ''>('');
  const [search, setSearch] = useState('');
  const [paused, setPaused] = useState(false);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [rowCount, setRowCount] = useState(0);
  const [matched, setMatched] = useState(0);
  const [total, setTotal] = useState(0);
  const [types, setTypes] = useState<string[]>([]);
  const [typeCounts, setTypeCounts] = useState<Record<string, number>>({});
  const [scrollTop, setScrollTop] = useState(0);
  const [pages, setPages] = useState<Map<number, LogRow[]>>(new Map());
  const [copied, setCopied] = useState<number | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const inflight = useRef(new Set<number>());
  const filterKey = `${callId}|${type}|${dir}|${search}|${expanded.join(',')}`;
  const keyRef = useRef(filterKey);

  const query = useMemo(
    () => ({
      callId,
      ...(type ? { types: [type] } : {}),
      ...(dir ? { dirs: [dir] } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(expanded.length ? { expanded } : {}),
    }),
    [callId, type, dir, search, expanded],
  );

  const took = useCallback((r: { rowCount: number; matched: number; total: number; types: string[]; typeCounts: Record<string, number> }) => {
    setRowCount(r.rowCount);
    setMatched(r.matched);
    setTotal(r.total);
    setTypes(r.types);
    setTypeCounts(r.typeCounts);
  }, []);

  const loadPage = useCallback(
    (page: number, force = false) => {
      if (inflight.current.has(page) && !force) return;
      inflight.current.add(page);
      const key = filterKey;
      api['calls:logRows']({ ...query, offset: page * PAGE, limit: PAGE })
        .then((r) => {
          if (keyRef.current !== key) return;
          took(r);
          setPages((m) => new Map(m).set(page, r.rows));
        })
        .catch(() => {})
        .finally(() => inflight.current.delete(page));
    },
    [filterKey, query, took],
  );

  // A new filter starts from scratch (opening a run keeps the rows shown until the new ones come).
  useEffect(() => {
    keyRef.current = filterKey;
    inflight.current.clear();
    setPages(new Map());
    loadPage(0, true);
  }, [filterKey, loadPage]);

  // New entries: refresh the counts and the last page, at most four times a second.
  const refreshTimer = useRef<number | null>(null);
  useEvent('call:log', (p) => {
    if (p.callId !== callId || refreshTimer.current !== null) return;
    refreshTimer.current = window.setTimeout(() => {
      refreshTimer.current = null;
      const key = keyRef.current;
      api['calls:logRows']({ ...query, tail: true, limit: PAGE })
        .then((r) => {
          if (keyRef.current !== key) return;
          took(r);
          setPages((m) => {
            const next = new Map(m);
            // The tail may straddle two pages (and the last run grows in place): reload both.
            next.delete(Math.floor(r.offset / PAGE));
            next.delete(Math.floor(Math.max(0, r.rowCount - 1) / PAGE));
            return next;
          });
        })
        .catch(() => {});
    }, 250);
  });
  useEffect(
    () => () => {
      if (refreshTimer.current !== null) clearTimeout(refreshTimer.current);
    },
    [],
  );

  // Follow the end of the log unless paused.
  useEffect(() => {
    const el = viewport.current;
    if (!el || paused || !live) return;
    el.scrollTop = Math.max(0, rowCount * ROW_H - VIEW_H);
  }, [rowCount, paused, live]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 5);
  const last = Math.min(rowCount, Math.ceil((scrollTop + VIEW_H) / ROW_H) + 5);
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) {
      if (!pages.has(p) && p * PAGE < Math.max(rowCount, 1)) loadPage(p);
    }
  }, [first, last, pages, rowCount, loadPage]);

  const rows: Array<{ i: number; r: LogRow | undefined }> = [];
  for (let i = first; i < last; i++) rows.push({ i, r: pages.get(Math.floor(i / PAGE))?.[i % PAGE] });

  const copy = (e: LogEntry) => {
    const text = e.json ?? JSON.stringify(e, null, 2);
    void navigator.clipboard
      ?.writeText(text)
      .then(() => setCopied(e.seq))
      .catch(() => setCopied(null));
  };
  const toggle = (run: MediaRun) => {
    // Opening a run means reading it: stop following the end so it stays in view.
    if (!run.expanded && live) setPaused(true);
    setExpanded((xs) => (xs.includes(run.firstSeq) ? xs.filter((x) => x !== run.firstSeq) : [...xs, run.firstSeq].slice(-100)));
  };
  const num = (n: number) => formatNumber(n);

  const runText = (run: MediaRun) => {
    const spanS = (run.lastAt - run.firstAt) / 1000;
    // PSR's media messages are 20 ms audio frames; the bot's are actions (a prompt each).
    const frames = run.dir === 'in';
    const parts = [t(frames ? 'log.run.frames' : 'log.run.messages', { n: num(run.count) })];
    if (run.audioMs !== null) parts.push(t('log.run.audio', { s: formatSeconds(run.audioMs) }));
    if (spanS > 0) parts.push(t(frames ? 'log.run.rate' : 'log.run.messageRate', { rate: formatNumber((run.count - 1) / spanS, 1, true) }));
    parts.push(t(frames ? 'log.run.until' : 'log.run.untilMessage', { time: clock(run.lastAt) }));
    return parts.join(' · ');
  };

  return (
    <section className="panel event-log" aria-labelledby="event-log-title">
      <h2 id="event-log-title">{t('log.title')}</h2>
      <div className="row log-tools">
        <label>
          {t('log.type')}{' '}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('log.allTypes')}</option>
            {types.map((ty) => (
              <option key={ty} value={ty} translate="no">
                {typeCounts[ty] !== undefined ? `${ty} (${num(typeCounts[ty])})` : ty}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('log.direction')}{' '}
          <select value={dir} onChange={(e) => setDir(e.target.value as Dir | '')}>
            <option value="">{t('log.allDirections')}</option>
            <option value="in">{t('log.dir.in')}</option>
            <option value="out">{t('log.dir.out')}</option>
            <option value="internal">{t('log.dir.internal')}</option>
          </select>
        </label>
        <label>
          {t('log.search')}{' '}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('log.searchPlaceholder')} />
        </label>
        {live && (
          <button type="button" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
            {t('log.pause')}
          </button>
        )}
        <span className="muted" role="status">
          {t('log.count', { matched: num(matched), total: num(total) })}
        </span>
      </div>
      <div className="log-head" aria-hidden="true">
        <span>{t('log.col.time')}</span>
        <span>{t('log.col.dir')}</span>
        <span>{t('log.col.type')}</span>
        <span>{t('log.col.size')}</span>
        <span>{t('log.col.summary')}</span>
      </div>
      <div className="log-viewport" translate="no" ref={viewport} style={{ height: VIEW_H }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div role="list" aria-label={t('log.title')} className="log-spacer" style={{ height: rowCount * ROW_H }}>
          {rows.map(({ i, r }) => {
            if (!r)
              return (
                <div role="listitem" key={i} className="log-row log-pending" style={{ top: i * ROW_H, height: ROW_H }}>
                  <span className="muted">{t('log.loading')}</span>
                </div>
              );
            if (r.kind === 'media') {
              const run = r.run;
              return (
                <div role="listitem" key={i} className={`log-row log-run log-${run.dir}`} style={{ top: i * ROW_H, height: ROW_H }}>
                  <span className="log-time">{clock(run.firstAt)}</span>
                  <span className="log-dir">{t(`log.dir.${run.dir}`)}</span>
                  <span className="log-type">media ×{num(run.count)}</span>
                  <span className="log-size">{num(run.bytes)}</span>
                  <span className="log-summary" title={runText(run)}>
                    {runText(run)}
                  </span>
                  <button
                    type="button"
                    className="log-copy"
                    aria-expanded={run.expanded}
                    aria-label={run.expanded ? t('log.run.hideLabel', { n: num(run.count) }) : t('log.run.showLabel', { n: num(run.count) })}
                    onClick={() => toggle(run)}
                  >
                    {run.expanded ? t('log.run.hide') : t('log.run.show')}
                  </button>
                </div>
              );
            }
            const e = r.entry;
            return (
              <div role="listitem" key={i} className={`log-row log-${e.dir}${e.code ? ' log-flag' : ''}${r.inRun ? ' log-inrun' : ''}`} style={{ top: i * ROW_H, height: ROW_H }}>
                <span className="log-time">{clock(e.at)}</span>
                <span className="log-dir">{t(`log.dir.${e.dir}`)}</span>
                <span className="log-type">{e.type}</span>
                <span className="log-size">{num(e.size)}</span>
                <span className="log-summary" title={describeLogLine(e)}>
                  {e.code ? `[${e.code}] ` : ''}
                  {describeLogLine(e)}
                </span>
                <button type="button" className="log-copy" onClick={() => copy(e)} aria-label={t('log.copyRow', { seq: e.seq })}>
                  {copied === e.seq ? t('log.copied') : t('log.copy')}
                </button>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
