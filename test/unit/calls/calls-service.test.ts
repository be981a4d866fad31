import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/api/event-bus';
import { CallsService } from '../../../src/main/calls/calls-service';
import { silentLogger } from '../../../src/main/logger';
import type { EventName } from '../../../src/shared/contract';
import type { LogEntry } from '../../../src/shared/contract/live';

const TOKEN = 'sk-live-SECRET-token-1234';

function sineWav(seconds: number, channels: number): Buffer {
  const rate = 8000;
  const frames = Math.round(seconds * rate);
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 16000);
    for (let c = 0; c < channels; c++) data.writeInt16LE(c === 0 ? v : 0, (i * channels + c) * 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

function entry(seq: number, over: Partial<LogEntry> = {}): LogEntry {
  return { seq, at: 1_700_000_000_000 + seq, dir: 'in', type: 'media', size: 640, summary: `media 640 B #${seq}`, ...over };
}

describe('CallsService', () => {
  let dir: string;
  let bus: EventBus;
  let svc: CallsService;
  let seen: Array<{ name: EventName; payload: unknown }>;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-'));
    bus = new EventBus();
    seen = [];
    bus.subscribe((name, payload) => seen.push({ name, payload }));
    svc = new CallsService({ recordingsDir: dir, events: bus, logger: silentLogger, now: Date.now, secrets: () => [TOKEN] });
  });
  afterEach(async () => {
    await svc.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function startCall(callId: string) {
    bus.emit('call:started', {
      callId,
      source: 'endpoint',
      startedAt: Date.now(),
      tenant: 't1',
      query: { call_id: callId, tenant: 't1' },
      channel: 'stereo',
      legs: ['A', 'B'],
      recordingPath: null,
    });
  }
  function endCall(callId: string) {
    bus.emit('call:ended', {
      callId,
      endedAt: Date.now(),
      reason: 'closed',
      stats: { frames: 1, bytes: 1, audioSeconds: 1, wallSeconds: 1, gaps: 0, jitterMs: 0, errors: {} },
      recordingPath: null,
    });
  }
  /** Resolves on the first matching event emitted after this call (no polling, no sleeps). */
  function nextEvent(name: EventName, match: (p: unknown) => boolean = () => true): Promise<unknown> {
    return new Promise((resolve) => {
      const off = bus.subscribe((n, p) => {
        if (n === name && match(p)) {
          off();
          resolve(p);
        }
      });
    });
  }
  const changed = (reason: string) => nextEvent('calls:changed', (p) => (p as { reason: string }).reason === reason);

  it('keeps 10,000 log entries and finds the first message by filter and search', async () => {
    startCall('c1');
    bus.emit('call:log', { callId: 'c1', entries: [entry(0, { dir: 'out', type: 'media', summary: 'greeting WAV 16000 Hz', json: '{"event":"media","is_sync":true}' })] });
    for (let b = 0; b < 100; b++) {
      bus.emit('call:log', { callId: 'c1', entries: Array.from({ length: 100 }, (_, i) => entry(1 + b * 100 + i)) });
    }
    const all = await svc.logPage({ callId: 'c1', offset: 0, limit: 50, tail: false });
    expect(all.total).toBe(10_001);
    const found = await svc.logPage({ callId: 'c1', offset: 0, limit: 50, tail: false, dirs: ['out'], search: 'IS_SYNC' });
    expect(found.matched).toBe(1);
    expect(found.entries[0]?.seq).toBe(0);
    const tail = await svc.logPage({ callId: 'c1', offset: 0, limit: 10, tail: true, types: ['media'], dirs: ['in'] });
    expect(tail.offset).toBe(9_990);
    expect(tail.entries.at(-1)?.seq).toBe(10_000);
    expect(found.types).toEqual(['media']);
  });

  it('folds each run of media messages in one direction into one row, live, with filters and expansion', async () => {
    startCall('c9');
    const media = (seq: number, over: Partial<LogEntry> = {}) => entry(seq, { at: 1_700_000_000_000 + seq * 20, summary: 'media 640 B, 20.0 ms stereo', size: 1002, ...over });
    bus.emit('call:log', { callId: 'c9', entries: [entry(0, { type: 'connected', summary: 'connected (stereo)' }), ...Array.from({ length: 50 }, (_, i) => media(1 + i))] });
    // The bot answers in the middle, then frames go on; a bad frame is never folded away.
    bus.emit('call:log', { callId: 'c9', entries: [media(51, { dir: 'out', size: 90_000, summary: 'media (bot): prompt, 80000 B' }), media(52), media(53), media(54, { code: 'FRAME_BAD_BASE64', summary: 'bad base64' }), media(55)] });
    let r = await svc.logRows({ callId: 'c9', offset: 0, limit: 100, tail: false });
    expect(r.total).toBe(56);
    expect(r.rows.map((x) => (x.kind === 'media' ? `run ${x.run.dir} ${x.run.count}` : x.entry.type))).toEqual(['connected', 'run in 50', 'media', 'run in 2', 'media', 'media']);
    const run = r.rows[1]!;
    expect(run).toMatchObject({ kind: 'media', run: { dir: 'in', count: 50, bytes: 50_100, audioMs: 1000, firstSeq: 1, lastSeq: 50, firstAt: 1_700_000_000_020, lastAt: 1_700_000_001_000 } });
    expect(r.typeCounts).toEqual({ connected: 1, media: 55 });

    // Live: new frames extend the open run instead of adding rows.
    bus.emit('call:log', { callId: 'c9', entries: [media(56), media(57)] });
    r = await svc.logRows({ callId: 'c9', offset: 0, limit: 2, tail: true });
    expect(r.rowCount).toBe(6);
    expect(r.rows.at(-1)).toMatchObject({ kind: 'media', run: { count: 3, firstSeq: 55, lastSeq: 57 } });

    // Filters apply to messages first; the search still finds the first message.
    // Runs are of the messages shown: without the bot's answer and the bad frame, the frames are one run.
    const stereo = await svc.logRows({ callId: 'c9', offset: 0, limit: 10, tail: false, search: 'stereo' });
    expect(stereo.rows.map((x) => (x.kind === 'media' ? x.run.count : x.entry.type))).toEqual(['connected', 55]);
    const onlyIn = await svc.logRows({ callId: 'c9', offset: 0, limit: 10, tail: false, types: ['media'], dirs: ['in'] });
    expect(onlyIn.matched).toBe(56);
    expect(onlyIn.rows.map((x) => (x.kind === 'media' ? x.run.count : 'bad'))).toEqual([52, 'bad', 3]);

    // An expanded run lists its messages after its summary row.
    const open = await svc.logRows({ callId: 'c9', offset: 0, limit: 100, tail: false, expanded: [1] });
    expect(open.rowCount).toBe(6 + 50);
    expect(open.rows[1]).toMatchObject({ kind: 'media', run: { expanded: true } });
    expect(open.rows[2]).toMatchObject({ kind: 'entry', inRun: true, entry: { seq: 1 } });
    expect(open.rows[51]).toMatchObject({ kind: 'entry', inRun: true, entry: { seq: 50 } });
    expect(open.rows[52]).toMatchObject({ kind: 'entry', inRun: false, entry: { dir: 'out' } });
  });

  it('measures turns live, records the call and lists it with its turn latency', async () => {
    startCall('c2');
    bus.emit('call:voice', { callId: 'c2', leg: 'B', speaking: true, t: 1000, at: Date.now() });
    bus.emit('call:voice', { callId: 'c2', leg: 'B', speaking: false, t: 2000, at: Date.now() });
    bus.emit('call:voice', { callId: 'c2', leg: 'A', speaking: true, t: 2700, at: Date.now() });
    const turnEvent = seen.find((e) => e.name === 'calls:turn');
    expect(turnEvent?.payload).toMatchObject({ callId: 'c2', turn: { latencyMs: 700 }, summary: { count: 1, medianMs: 700 } });
    expect(svc.live()[0]).toMatchObject({ started: { callId: 'c2' }, ended: false });
    const ended = changed('ended');
    endCall('c2');
    await ended;
    const list = await svc.list();
    expect(list[0]).toMatchObject({ callId: 'c2', live: false, hasLog: true, replayable: true, turns: { medianMs: 700 } });
    // No copy of the call's events: only the turn summary measured live is saved.
    expect(fs.readdirSync(path.join(dir, 'calls')).sort()).toEqual(['c2.summary.json', 'imported']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'calls', 'c2.summary.json'), 'utf8'))).toMatchObject({ turns: { medianMs: 700 } });
  });

  it('counts the caller talking over the greeting as a barge-in, live, though it is no turn', async () => {
    startCall('c8');
    bus.emit('call:voice', { callId: 'c8', leg: 'A', speaking: true, t: 0, at: Date.now() });
    bus.emit('call:voice', { callId: 'c8', leg: 'B', speaking: true, t: 500, at: Date.now() });
    bus.emit('call:voice', { callId: 'c8', leg: 'B', speaking: false, t: 900, at: Date.now() });
    bus.emit('call:voice', { callId: 'c8', leg: 'B', speaking: true, t: 1200, at: Date.now() });
    const events = seen.filter((e) => e.name === 'calls:turn').map((e) => e.payload);
    // Once per bot utterance, not per burst.
    expect(events).toEqual([{ callId: 'c8', turn: null, summary: expect.objectContaining({ count: 0, bargeIns: 1 }) }]);
    expect((await svc.get('c8')).summary.turns).toMatchObject({ count: 0, bargeIns: 1 });
  });

  it('exports without tokens, deletes, imports as its own entry, and replays from the call log and the recording', async () => {
    fs.writeFileSync(path.join(dir, 'c3.wav'), sineWav(0.2, 2));
    const t0 = 1_700_000_000_000;
    fs.writeFileSync(path.join(dir, 'c3.meta.json'), JSON.stringify({ callId: 'c3', source: 'endpoint', startedAt: t0, endedAt: t0 + 200, legs: ['A', 'B'], channel: 'stereo', reason: 'closed' }));
    const lines = [
      entry(0, { at: t0 + 1, type: 'connected', summary: `Authorization: Bearer ${TOKEN}`, json: `{"token":"${TOKEN}"}` }),
      entry(1, { at: t0 + 50, dir: 'out', type: 'media', summary: 'media (bot): hello.wav', msg: { code: 'action.sent', params: { kind: 'media', origin: 'bot', detail: 'hello.wav', t: 50 } } }),
    ];
    fs.writeFileSync(path.join(dir, 'c3.events.jsonl'), lines.map((l) => JSON.stringify(l) + '\n').join(''));

    const rec = await svc.recording('c3', 'endpoint');
    expect(Buffer.from(rec.base64, 'base64').equals(fs.readFileSync(path.join(dir, 'c3.wav')))).toBe(true);
    expect((await svc.get('c3')).actions).toMatchObject([{ kind: 'media', t: 50, origin: 'bot', detail: 'hello.wav' }]);

    const exported = await svc.export('c3');
    expect(exported.content).not.toContain(TOKEN);
    expect(exported.content).toContain('«redacted»');

    await svc.delete('c3');
    expect(fs.existsSync(path.join(dir, 'c3.wav'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'c3.events.jsonl'))).toBe(false);
    expect((await svc.list()).find((c) => c.callId === 'c3')).toBeUndefined();

    await expect(svc.import('{"format":"something else"}')).rejects.toMatchObject({ code: 'CALL_IMPORT_INVALID' });
    expect(await svc.import(exported.content)).toEqual({ callId: 'c3~imported' });
    const listed = (await svc.list()).find((c) => c.callId === 'c3~imported');
    expect(listed).toMatchObject({ sources: ['imported'], replayable: true, hasLog: true });
    const wav = await svc.recording('c3~imported', 'imported-0');
    expect(Buffer.from(wav.base64, 'base64').subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect((await svc.logPage({ callId: 'c3~imported', offset: 0, limit: 10, tail: false })).entries.map((e) => e.seq)).toEqual([0, 1]);

    seen = [];
    const replayEnded = nextEvent('call:ended');
    const { replayCallId } = await svc.replay('c3~imported', 8);
    await replayEnded;
    const of = (n: EventName) => seen.filter((e) => e.name === n && (e.payload as { callId: string }).callId === replayCallId).map((e) => e.payload);
    expect(of('call:started')[0]).toMatchObject({ source: 'replay', legs: ['A', 'B'] });
    // 200 ms of recording: 10 windows per leg, rebuilt with the endpoint's meter.
    expect(of('call:levels').flatMap((p) => (p as { windows: unknown[] }).windows)).toHaveLength(20);
    expect(of('call:action')).toMatchObject([{ kind: 'media', t: 50 }]);
    expect(of('call:log').flatMap((p) => (p as { entries: LogEntry[] }).entries).map((e) => e.seq)).toEqual([0, 1]);
    // A replay is never written to disk as a new call.
    expect(fs.readdirSync(path.join(dir, 'calls')).filter((f) => f.includes('replay'))).toEqual([]);
  });

  it('lists endpoint and simulator recordings and refuses unsafe ids', async () => {
    fs.mkdirSync(path.join(dir, 'simulator'));
    fs.writeFileSync(path.join(dir, 'simulator', 's1.meta.json'), JSON.stringify({ call_id: 's1', startedAt: 10, endedAt: 2010, legs: ['A', 'B'] }));
    fs.writeFileSync(path.join(dir, 'simulator', 'full_s1.wav'), sineWav(0.1, 2));
    fs.writeFileSync(path.join(dir, 'simulator', 's1.wav'), sineWav(0.1, 1));
    fs.writeFileSync(path.join(dir, 'broken.meta.json'), '{not json');
    const s1 = (await svc.list()).find((c) => c.callId === 's1');
    expect(s1).toMatchObject({ sources: ['simulator'], durationMs: 2000, recordings: [{ id: 'sim-full', kind: 'stereo' }, { id: 'sim-mono', kind: 'mono' }] });
    await expect(svc.recording('s1', '../../etc/passwd')).rejects.toMatchObject({ code: 'CALL_RECORDING_NOT_FOUND' });
    await expect(svc.delete('../x')).rejects.toMatchObject({ code: 'CALL_ID_INVALID' });
    await expect(svc.get('nope')).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
  });

  it('replays a call seen only as a recording (simulator) by rebuilding levels and voice from the WAV', async () => {
    fs.mkdirSync(path.join(dir, 'simulator'));
    fs.writeFileSync(path.join(dir, 'simulator', 's2.meta.json'), JSON.stringify({ callId: 's2', startedAt: 10, endedAt: 1010, legs: ['A', 'B'], channel: 'stereo' }));
    fs.writeFileSync(path.join(dir, 'simulator', 'full_s2.wav'), sineWav(0.5, 2));
    expect((await svc.list()).find((c) => c.callId === 's2')).toMatchObject({ replayable: true, hasLog: false });
    const ended = nextEvent('call:ended');
    const { replayCallId } = await svc.replay('s2', 8);
    await ended;
    const of = (n: EventName) => seen.filter((e) => e.name === n && (e.payload as { callId: string }).callId === replayCallId).map((e) => e.payload);
    expect(of('call:started')[0]).toMatchObject({ source: 'replay', legs: ['A', 'B'] });
    const windows = of('call:levels').flatMap((p) => (p as { windows: Array<{ leg: string; rmsDbfs: number }> }).windows);
    expect(windows.filter((w) => w.leg === 'A')).toHaveLength(25);
    // The tone on A reads −3 dBFS RMS less 20·log10(32768/16000); B is silent.
    expect(windows.find((w) => w.leg === 'A')!.rmsDbfs).toBeCloseTo(20 * Math.log10(16000 / 32768 / Math.SQRT2), 1);
    expect(windows.find((w) => w.leg === 'B')!.rmsDbfs).toBeLessThan(-100);
    expect(of('call:voice')).toMatchObject([{ leg: 'A', speaking: true }]);
  });

  it('plays the recording as call:audio to someone listening to a replay', async () => {
    fs.mkdirSync(path.join(dir, 'simulator'));
    fs.writeFileSync(path.join(dir, 'simulator', 's3.meta.json'), JSON.stringify({ callId: 's3', startedAt: 10, endedAt: 310, legs: ['A', 'B'] }));
    const wav = sineWav(0.3, 2);
    fs.writeFileSync(path.join(dir, 'simulator', 'full_s3.wav'), wav);
    const ended = nextEvent('call:ended');
    const { replayCallId } = await svc.replay('s3', 1);
    svc.setListening(replayCallId, true);
    await ended;
    const audio = seen.filter((e) => e.name === 'call:audio').map((e) => e.payload as { legs: string[]; t: number; pcm: Uint8Array });
    expect(audio.length).toBeGreaterThan(5);
    expect(audio[0]).toMatchObject({ legs: ['A', 'B'] });
    // The slices are the recording's samples, in order.
    const first = audio[0]!;
    const from = 44 + Math.round((first.t * 8000) / 1000) * 4;
    expect(Buffer.from(first.pcm).equals(wav.subarray(from, from + 160 * 4))).toBe(true);
  });

  it('lists create-stream history and returns its request and response with the call', async () => {
    const svc2 = new CallsService({
      recordingsDir: dir,
      events: bus,
      logger: silentLogger,
      now: Date.now,
      secrets: () => [TOKEN],
      presenter: () => presenter,
      history: async () => [{ callId: 'h1', at: 5, request: { destination: '0900000000', note: TOKEN }, response: { code: 'OK', data: { call_id: 'h1' } } }],
    });
    let presenter = false;
    try {
      expect((await svc2.list()).find((c) => c.callId === 'h1')).toMatchObject({ sources: ['request'], startedAt: 5 });
      expect(await svc2.get('h1')).toMatchObject({ request: { destination: '0900000000' }, response: { code: 'OK' } });
      fs.writeFileSync(path.join(dir, 'h1.wav'), sineWav(0.1, 1));
      fs.writeFileSync(path.join(dir, 'h1.meta.json'), JSON.stringify({ callId: 'h1', startedAt: 5, endedAt: 105, legs: ['A'] }));
      const exported = await svc2.export('h1');
      expect(exported.content).not.toContain(TOKEN);
      expect(JSON.parse(exported.content)).toMatchObject({ request: { destination: '0900000000' }, response: { data: { call_id: 'h1' } } });
      // Presenter mode: the export hides the number everywhere in the file.
      presenter = true;
      const masked = await svc2.export('h1');
      expect(masked.content).not.toContain('0900000000');
      expect(JSON.parse(masked.content)).toMatchObject({ request: { destination: '09••••••00' } });
    } finally {
      await svc2.dispose();
    }
  });

  it('skips bad lines in a call log file instead of failing', async () => {
    fs.writeFileSync(path.join(dir, 'c4.meta.json'), JSON.stringify({ callId: 'c4', startedAt: 1, endedAt: 2 }));
    fs.writeFileSync(path.join(dir, 'c4.events.jsonl'), ['garbage', JSON.stringify({ seq: 'x' }), JSON.stringify(entry(1)), '{"seq":2,"at":'].join('\n'));
    const page = await svc.logPage({ callId: 'c4', offset: 0, limit: 10, tail: false });
    expect(page.total).toBe(1);
    expect(page.entries[0]).toMatchObject({ seq: 1 });
  });
});
