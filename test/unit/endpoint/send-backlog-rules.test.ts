// The backlog rules without sockets: which actions are refused, who gets the error and who a false,
// one log line per stretch of refused chunks, and a chunk stream that pauses whole and resumes in real
// time (fake clock).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mp3Encoder } from '../../../src/main/audio/mp3';
import { ActionSender, type ActionOutlet } from '../../../src/main/endpoint/action-sender';
import type { BotOutMeter } from '../../../src/main/endpoint/bot-out';
import type { CallLog } from '../../../src/main/endpoint/call-log';
import { ChunkStreamer } from '../../../src/main/endpoint/chunk-streamer';
import { CHUNK_BACKLOG_PAUSE_BYTES, PSR_BACKLOG_MAX_BYTES, backlogError } from '../../../src/main/endpoint/send-backlog';
import type { LogMessage } from '../../../src/shared/call-log';
import { isAppError, type AppError } from '../../../src/shared/errors';

function outlet(waiting: { bytes: number }) {
  const sent: string[] = [];
  const lines: Array<{ msg: LogMessage; code?: string }> = [];
  const counted: string[] = [];
  const metered: string[] = [];
  const log = { internal: (_t: string, msg: LogMessage, code?: string) => lines.push({ msg, code }), entry: () => {} } as unknown as CallLog;
  const botOut = { media: () => metered.push('media'), chunk: () => metered.push('chunk') } as unknown as BotOutMeter;
  const out: ActionOutlet = {
    log,
    botOut,
    now: () => 1,
    audioMs: () => 0,
    isOpen: () => true,
    backlog: () => waiting.bytes,
    sendText: (t) => void sent.push(t.toString()),
    countError: (c) => void counted.push(c),
    action: () => {},
  };
  return { sender: new ActionSender(out), sent, lines, counted, metered };
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e as AppError;
    throw e;
  }
  throw new Error('expected an AppError');
}

const wav = new Uint8Array(3 * 1024 * 1024); // a ~4 MiB media frame

describe('actions refused for the backlog', () => {
  it('the console gets ACTION_BACKLOG_FULL naming the limit; nothing is sent or metered; one line, one count', () => {
    const waiting = { bytes: PSR_BACKLOG_MAX_BYTES - 1024 * 1024 };
    const o = outlet(waiting);
    const e = thrown(() => o.sender.media(wav, true, 'console'));
    expect(e.code).toBe('ACTION_BACKLOG_FULL');
    expect(e.params).toMatchObject({ kind: 'media', waiting: waiting.bytes, limit: PSR_BACKLOG_MAX_BYTES });
    expect(e.params!.bytes).toBeGreaterThan(wav.length);
    expect(e.message).toContain(`the limit is ${PSR_BACKLOG_MAX_BYTES} bytes`);
    expect(o.sent).toEqual([]);
    expect(o.metered).toEqual([]);
    expect(o.counted).toEqual(['ACTION_BACKLOG_FULL']);
    expect(o.lines).toEqual([{ code: 'ACTION_BACKLOG_FULL', msg: { code: 'ACTION_BACKLOG_FULL', params: expect.objectContaining({ kind: 'media', origin: 'console' }) } }]);
    // A small action still fits behind the same backlog.
    expect(o.sender.hangup('console')).toBe(true);
    expect(o.sent).toEqual(['{"event":"hangup"}']);
  });

  it('the greeting and a bot get false and a log line each, no exception', () => {
    const o = outlet({ bytes: PSR_BACKLOG_MAX_BYTES });
    expect(o.sender.media(wav, true, 'greeting')).toBe(false);
    expect(o.sender.transfer('1002', 'bot:demo')).toBe(false);
    expect(o.sent).toEqual([]);
    expect(o.lines.map((l) => l.msg.params.origin)).toEqual(['greeting', 'bot:demo']);
    expect(o.counted).toHaveLength(2);
  });

  it('raw text counts its UTF-8 bytes, not its characters', () => {
    const o = outlet({ bytes: PSR_BACKLOG_MAX_BYTES - 4 });
    expect(() => o.sender.raw('ễễ', 'console')).toThrow(/not sent/); // 2 characters, 6 bytes
    expect(o.sender.raw('ok', 'console')).toBe(true);
    expect(o.sent).toEqual(['ok']);
  });

  it('chunks stop above the lower mark; a stretch of refused chunks is one line and one count', () => {
    const waiting = { bytes: CHUNK_BACKLOG_PAUSE_BYTES + 1 };
    const o = outlet(waiting);
    const pcm = new Uint8Array(1600);
    for (let i = 0; i < 3; i++) expect(o.sender.chunk(pcm, 'pcm16', 'bot')).toBe(false);
    expect(thrown(() => o.sender.chunk(pcm, 'pcm16', 'console')).params).toMatchObject({ kind: 'chunk', limit: CHUNK_BACKLOG_PAUSE_BYTES });
    expect(o.lines).toHaveLength(1);
    expect(o.counted).toHaveLength(1);
    waiting.bytes = CHUNK_BACKLOG_PAUSE_BYTES; // not over the mark: sent, the stretch ends
    expect(o.sender.chunk(pcm, 'pcm16', 'bot')).toBe(true);
    waiting.bytes = CHUNK_BACKLOG_PAUSE_BYTES + 1;
    expect(o.sender.chunk(pcm, 'pcm16', 'bot')).toBe(false);
    expect(o.lines).toHaveLength(2);
    expect(o.sent).toHaveLength(1);
  });
});

describe('a chunk stream under backpressure', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A send that refuses (as the console's ActionSender does) while `blocked.on`. */
  function sink() {
    const blocked = { on: false };
    const got: Array<{ bytes: Uint8Array; at: number }> = [];
    let attempts = 0;
    const send = (bytes: Uint8Array): void => {
      attempts++;
      if (blocked.on) throw backlogError('chunk', { waiting: CHUNK_BACKLOG_PAUSE_BYTES + 1, bytes: bytes.length, limit: CHUNK_BACKLOG_PAUSE_BYTES });
      got.push({ bytes: bytes.slice(), at: Date.now() });
    };
    return { blocked, got, send, attempts: () => attempts };
  }

  it('pauses holding one chunk, sends every chunk once in order, and paces from the resume (no burst)', async () => {
    const pcm = new Int16Array(8000).map((_, i) => i); // 1 s: ten 100 ms chunks of 1600 bytes
    const s = sink();
    const streamer = new ChunkStreamer(pcm, { format: 'pcm16', chunkMs: 100, send: s.send, now: () => Date.now() }).start();
    const t0 = Date.now();
    vi.advanceTimersByTime(250); // chunks 0, 1, 2
    expect(s.got).toHaveLength(3);
    s.blocked.on = true;
    vi.advanceTimersByTime(2000); // longer than the whole stream: chunk 3 is held and tried every 100 ms
    expect(streamer.paused).toBe(true);
    expect(s.got).toHaveLength(3);
    expect(s.attempts()).toBeGreaterThanOrEqual(20);
    s.blocked.on = false;
    vi.advanceTimersByTime(1000);
    expect(await streamer.done).toBe('finished');
    expect(streamer.pausedTimes).toBe(1);
    const all = new Uint8Array(s.got.flatMap((g) => [...g.bytes]));
    expect(Buffer.from(all).equals(Buffer.from(pcm.buffer))).toBe(true);
    const after = s.got.slice(3).map((g) => g.at - s.got[3]!.at);
    expect(after).toEqual([0, 100, 200, 300, 400, 500, 600]);
    expect(s.got[3]!.at - t0).toBeGreaterThanOrEqual(2250);
  });

  it('a cancelled paused stream sends nothing more', async () => {
    const s = sink();
    const streamer = new ChunkStreamer(new Int16Array(8000), { format: 'pcm16', chunkMs: 100, send: s.send, now: () => Date.now() }).start();
    s.blocked.on = true;
    vi.advanceTimersByTime(300);
    streamer.cancel();
    const attempts = s.attempts();
    vi.advanceTimersByTime(2000);
    expect(await streamer.done).toBe('cancelled');
    expect(s.attempts()).toBe(attempts);
    expect(s.got).toHaveLength(1);
  });

  it('an mp3 stream’s final flush is held like any chunk and sent once', async () => {
    const tail = new Uint8Array([1, 2, 3]);
    let flushes = 0;
    const encoder = { encode: () => new Uint8Array([9]), flush: () => (flushes++, tail) } as unknown as Mp3Encoder;
    const s = sink();
    const streamer = new ChunkStreamer(new Int16Array(1600), { format: 'mp3', chunkMs: 100, encoder, send: s.send, now: () => Date.now() });
    s.blocked.on = true; // refused from the start: the first chunk is held
    streamer.start();
    vi.advanceTimersByTime(500);
    s.blocked.on = false;
    vi.advanceTimersByTime(1000);
    expect(await streamer.done).toBe('finished');
    expect(flushes).toBe(1);
    expect(s.got.map((g) => [...g.bytes])).toEqual([[9], [9], [1, 2, 3]]);
  });
});
