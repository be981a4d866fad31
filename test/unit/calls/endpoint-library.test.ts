// The call library over real endpoint files: a real endpoint on port 0 writes each call's log,
// recording and meta; the calls domain on the same event bus lists, pages, exports and imports them
// and never writes a second copy of the call's messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/api/event-bus';
import { CallsService } from '../../../src/main/calls/calls-service';
import { EndpointService } from '../../../src/main/endpoint/endpoint-service';
import { silentLogger } from '../../../src/main/logger';
import { INLINE_JSON_MAX, logEntrySchema } from '../../../src/shared/call-log';
import { bytesOf, interleave, psrClient, sine } from '../endpoint/helpers';

describe('call library over the endpoint’s files', () => {
  let dir: string;
  let rec: string;
  let bus: EventBus;
  let endpoint: EndpointService;
  let calls: CallsService;
  let url: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-lib-'));
    rec = path.join(dir, 'recordings');
    bus = new EventBus();
    endpoint = new EndpointService({ dataDir: dir, recordingsDir: rec, logger: silentLogger, emit: (n, p) => bus.emit(n, p) });
    calls = new CallsService({ recordingsDir: rec, events: bus, logger: silentLogger, now: Date.now, secrets: () => [] });
    url = (await endpoint.start({ port: 0 })).localUrl!;
  });
  afterEach(async () => {
    await endpoint.dispose();
    await calls.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once the calls domain has handled the end of a call (its log is then read from the file). */
  function libraryUpdated(): Promise<void> {
    return new Promise((resolve) => {
      const off = bus.subscribe((n, p) => {
        if (n === 'calls:changed' && (p as { reason: string }).reason === 'ended') {
          off();
          resolve();
        }
      });
    });
  }

  async function call(callId: string, frames: number, extra: (c: Awaited<ReturnType<typeof psrClient>>) => Promise<void> = async () => {}): Promise<Uint8Array> {
    const audio = bytesOf(interleave(sine(440, frames * 0.02), sine(660, frames * 0.02)));
    const c = await psrClient(url, { call_id: callId, tenant: 't1' });
    await c.connected('stereo');
    for (let i = 0; i < frames; i++) await c.media(audio.subarray(i * 640, (i + 1) * 640), 'stereo');
    await extra(c);
    const done = libraryUpdated();
    await c.closed();
    await done;
    return audio;
  }

  it('pages the endpoint’s log file after the call and keeps no copy of it', async () => {
    await call('lib-1', 30);
    const fileLines = fs.readFileSync(path.join(rec, 'lib-1.events.jsonl'), 'utf8').trim().split('\n').map((l) => logEntrySchema.parse(JSON.parse(l)));
    const page = await calls.logPage({ callId: 'lib-1', offset: 0, limit: 1000, tail: false });
    expect(page.total).toBe(fileLines.length);
    expect(page.entries).toEqual(fileLines);
    // Every line says what happened as a code with parameters.
    expect(fileLines.every((e) => typeof e.msg?.code === 'string')).toBe(true);
    expect(fileLines.filter((e) => e.msg?.code === 'frame.media')[0]!.msg!.params).toEqual({ bytes: 640, ms: 20, layout: 'stereo' });
    // Only the turn summary is the calls domain's own file.
    expect(fs.readdirSync(path.join(rec, 'calls')).sort()).toEqual(['imported', 'lib-1.summary.json']);
    expect((await calls.logRows({ callId: 'lib-1', offset: 0, limit: 10, tail: false })).rows[2]).toMatchObject({ kind: 'media', run: { count: 30, audioMs: 600 } });
  });

  it('cuts a large frame’s JSON in memory and reads it whole from the file by its offset', async () => {
    const body = 'x'.repeat(100_000);
    await call('lib-2', 3, (c) => c.json({ event: 'dtmf_dump', body }));
    const page = await calls.logPage({ callId: 'lib-2', offset: 0, limit: 100, tail: false, types: ['dtmf_dump'] });
    const cut = page.entries[0]!;
    expect(cut).toMatchObject({ code: 'FRAME_UNKNOWN_EVENT', msg: { code: 'FRAME_UNKNOWN_EVENT' } });
    expect(cut.json!.length).toBe(INLINE_JSON_MAX);
    expect(cut.jsonLength).toBeGreaterThan(100_000);
    const whole = await calls.logEntry('lib-2', cut.seq);
    expect(JSON.parse(whole.json!)).toEqual({ event: 'dtmf_dump', body });
    expect(whole.jsonLength).toBeUndefined();
    await expect(calls.logEntry('lib-2', 9999)).rejects.toMatchObject({ code: 'CALL_LOG_ENTRY_NOT_FOUND' });
  });

  it('lists a second connection with the same call_id as <id>~2 with its own recording, log and export', async () => {
    const first = await call('dup-1', 10);
    const second = await call('dup-1', 20);
    const list = await calls.list();
    const ids = list.map((c) => c.callId).sort();
    expect(ids).toEqual(['dup-1', 'dup-1~2']);
    const a = list.find((c) => c.callId === 'dup-1')!;
    const b = list.find((c) => c.callId === 'dup-1~2')!;
    expect(a.recordings).toEqual([{ id: 'endpoint', kind: 'stereo', size: 44 + first.length }]);
    expect(b.recordings).toEqual([{ id: 'endpoint', kind: 'stereo', size: 44 + second.length }]);
    const pageB = await calls.logPage({ callId: 'dup-1~2', offset: 0, limit: 1000, tail: false, types: ['media'] });
    expect(pageB.matched).toBe(20);
    const wavB = Buffer.from((await calls.recording('dup-1~2', 'endpoint')).base64, 'base64');
    expect(wavB.subarray(44).equals(Buffer.from(second))).toBe(true);
    const exported = JSON.parse((await calls.export('dup-1~2')).content) as { callId: string; log: unknown[] };
    expect(exported.callId).toBe('dup-1~2');
    await calls.delete('dup-1~2');
    expect((await calls.list()).map((c) => c.callId)).toEqual(['dup-1']);
    expect(fs.existsSync(path.join(rec, 'dup-1.wav'))).toBe(true);
  });

  it('imports an export of a local call as its own entry and never touches the local files', async () => {
    const audio = await call('same-1', 15);
    const localWav = fs.readFileSync(path.join(rec, 'same-1.wav'));
    const exported = await calls.export('same-1');
    const before = fs.readdirSync(rec).sort();

    expect(await calls.import(exported.content)).toEqual({ callId: 'same-1~imported' });
    expect(fs.readdirSync(rec).sort()).toEqual(before);
    expect(fs.readFileSync(path.join(rec, 'same-1.wav')).equals(localWav)).toBe(true);
    // The same file again is refused with a reason; the local call and the copy are two entries.
    await expect(calls.import(exported.content)).rejects.toMatchObject({ code: 'CALL_IMPORT_EXISTS' });
    const list = await calls.list();
    expect(list.find((c) => c.callId === 'same-1')).toMatchObject({ sources: ['endpoint'] });
    expect(list.find((c) => c.callId === 'same-1~imported')).toMatchObject({ sources: ['imported'], hasLog: true });

    // Export of the local call still returns the local audio.
    const again = JSON.parse((await calls.export('same-1')).content) as { recordings: Array<{ base64: string }> };
    expect(Buffer.from(again.recordings[0]!.base64, 'base64').subarray(44).equals(Buffer.from(audio))).toBe(true);
    // The imported copy pages the same log.
    const local = await calls.logPage({ callId: 'same-1', offset: 0, limit: 1000, tail: false });
    const copy = await calls.logPage({ callId: 'same-1~imported', offset: 0, limit: 1000, tail: false });
    expect(copy.entries).toEqual(local.entries);

    // Deleting the copy leaves the local recording; deleting the local call leaves the copy.
    await calls.delete('same-1~imported');
    expect(fs.readFileSync(path.join(rec, 'same-1.wav')).equals(localWav)).toBe(true);
    expect(await calls.import(exported.content)).toEqual({ callId: 'same-1~imported' });
    await calls.delete('same-1');
    expect(fs.existsSync(path.join(rec, 'same-1.wav'))).toBe(false);
    expect((await calls.list()).map((c) => c.callId)).toEqual(['same-1~imported']);
  });
});
