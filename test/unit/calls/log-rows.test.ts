import { describe, expect, it } from 'vitest';
import { LogRowBuilder } from '../../../src/main/calls/log-rows';
import { englishOf, type LogEntry, type LogMessage } from '../../../src/shared/call-log';

let seq = 0;
function entry(dir: LogEntry['dir'], type: string, msg: LogMessage | null, code?: string): LogEntry {
  const e: LogEntry = { seq: seq++, at: 1_000 + seq * 20, dir, type, size: 100, summary: msg ? englishOf(msg) : `${type} line` };
  if (msg) e.msg = msg;
  if (code) e.code = code;
  return e;
}
const frame = (ms: number): LogEntry => entry('in', 'media', { code: 'frame.media', params: { bytes: ms * 32, ms, layout: 'stereo' } });
const prompt = (): LogEntry => entry('out', 'media', { code: 'action.sent', params: { kind: 'media', origin: 'bot', detail: 'greeting, 1200 ms of audio.wav' } });

function rows(log: LogEntry[], expanded: number[] = []) {
  const b = new LogRowBuilder(new Set(expanded));
  for (let i = 0; i < log.length; i++) b.add(log, i);
  return b.page(log, 0, 1000);
}

describe('LogRowBuilder: runs of media messages folded into one row', () => {
  it("sums an inbound run's audio from the frames' message parameters", () => {
    const r = rows([frame(20), frame(20), frame(10)]);
    expect(r).toHaveLength(1);
    const run = r[0]!.kind === 'media' ? r[0]!.run : null;
    expect(run).toMatchObject({ dir: 'in', count: 3, bytes: 300, audioMs: 50 });
  });

  it("does not read an audio length out of a bot action's own words", () => {
    // The action's detail (a file name) says "1200 ms": that is not a frame's audio and must not be summed.
    const r = rows([prompt(), prompt()]);
    expect(r).toHaveLength(1);
    expect(r[0]!.kind === 'media' && r[0]!.run).toMatchObject({ dir: 'out', count: 2, audioMs: null });
  });

  it('reads the English summary of a line written without a message code', () => {
    const old = (): LogEntry => ({ seq: seq++, at: 5_000 + seq, dir: 'in', type: 'media', size: 640, summary: 'media 640 B, 20.0 ms stereo' });
    const r = rows([old(), old()]);
    expect(r[0]!.kind === 'media' && r[0]!.run.audioMs).toBe(40);
  });

  it('keeps a coded media line and a change of direction as rows of their own', () => {
    const bad = entry('in', 'media', { code: 'FRAME_PARTIAL_SAMPLE', params: {} }, 'FRAME_PARTIAL_SAMPLE');
    const r = rows([frame(20), frame(20), bad, frame(20), prompt(), prompt()]);
    expect(r.map((x) => (x.kind === 'media' ? `run:${x.run.dir}:${x.run.count}` : `entry:${x.entry.dir}`))).toEqual(['run:in:2', 'entry:in', 'entry:in', 'run:out:2']);
  });

  it('lists an expanded run after its summary row', () => {
    const log = [frame(20), frame(20), frame(20)];
    const r = rows(log, [log[0]!.seq]);
    expect(r.map((x) => x.kind)).toEqual(['media', 'entry', 'entry', 'entry']);
    expect(r.slice(1).every((x) => x.kind === 'entry' && x.inRun)).toBe(true);
  });
});
