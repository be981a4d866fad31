// The log as the live view shows it: each run of consecutive `media` messages in one direction is
// folded into one summary row (count, bytes, audio, first/last time). PSR sends a frame every 20 ms,
// so one row each would bury the messages people look for. Built incrementally over the (filtered)
// log, which only grows; entries with an error code are never folded, so problems stay visible.
import type { LogRow, MediaRun } from '../../shared/contract/calls';
import type { LogEntry } from '../../shared/contract/live';

type RowRef = { kind: 'entry'; i: number; inRun: boolean } | { kind: 'media'; run: MediaRun };

/** "media 640 B, 20.0 ms stereo" → 20: the English summary, for lines written without `msg`. */
const AUDIO_MS = /, (\d+(?:\.\d+)?) ms\b/;

/** The audio an inbound media frame carried (ms), from its message's parameters; null when unknown. */
function audioMsOf(e: LogEntry): number | null {
  if (e.msg) return e.msg.code === 'frame.media' && typeof e.msg.params.ms === 'number' ? e.msg.params.ms : null;
  const m = AUDIO_MS.exec(e.summary);
  return m ? Number(m[1]) : null;
}

function foldable(e: LogEntry): boolean {
  return e.type === 'media' && !e.code && e.dir !== 'internal';
}

export class LogRowBuilder {
  private readonly rows: RowRef[] = [];
  /** Entries (of the filtered list) consumed so far. */
  upTo = 0;
  private open: { run: MediaRun; first: number; headerRow: number } | null = null;

  constructor(private readonly expanded: ReadonlySet<number>) {}

  get rowCount(): number {
    return this.rows.length;
  }

  /** Add log entry `i` (the next one in the filtered list). */
  add(log: readonly LogEntry[], i: number): void {
    this.upTo++;
    const e = log[i]!;
    if (!foldable(e)) {
      this.open = null;
      this.rows.push({ kind: 'entry', i, inRun: false });
      return;
    }
    const o = this.open;
    if (!o || o.run.dir !== e.dir) {
      // A run of one is shown as the message itself; it becomes a summary row with its second.
      this.open = { run: startRun(e, this.expanded.has(e.seq)), first: i, headerRow: this.rows.length };
      this.rows.push({ kind: 'entry', i, inRun: false });
      return;
    }
    extend(o.run, e);
    if (o.run.count === 2) {
      this.rows[o.headerRow] = { kind: 'media', run: o.run };
      if (o.run.expanded) this.rows.push({ kind: 'entry', i: o.first, inRun: true });
    }
    if (o.run.expanded) this.rows.push({ kind: 'entry', i, inRun: true });
  }

  page(log: readonly LogEntry[], offset: number, limit: number): LogRow[] {
    return this.rows.slice(offset, offset + limit).map((r) => (r.kind === 'media' ? { kind: 'media', run: { ...r.run } } : { kind: 'entry', entry: log[r.i]!, inRun: r.inRun }));
  }
}

function startRun(e: LogEntry, expanded: boolean): MediaRun {
  return {
    dir: e.dir,
    count: 1,
    bytes: e.size,
    audioMs: audioMsOf(e),
    firstAt: e.at,
    lastAt: e.at,
    firstSeq: e.seq,
    lastSeq: e.seq,
    expanded,
  };
}

function extend(run: MediaRun, e: LogEntry): void {
  run.count++;
  run.bytes += e.size;
  const ms = audioMsOf(e);
  if (ms !== null) run.audioMs = Math.round(((run.audioMs ?? 0) + ms) * 10) / 10;
  if (e.at > run.lastAt) run.lastAt = e.at;
  run.lastSeq = e.seq;
}
