// The call library over a recordings folder with damage in it: a folder or a pipe named like a call's
// meta file, recording or log, a WAV cut shorter than its header, a header with zero channels, an empty or
// garbled meta file. What can be used is listed, what cannot is said (a coded problem, worded in EN
// and VI), a damaged file is never offered as audio, and no raw OS error reaches the caller.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/api/event-bus';
import { CallsService } from '../../../src/main/calls/calls-service';
import { silentLogger } from '../../../src/main/logger';
import i18n from '../../../src/renderer/src/i18n';
import { describeError } from '../../../src/renderer/src/i18n/describe';
import type { CallSummary } from '../../../src/shared/contract/calls';
import { isAppError } from '../../../src/shared/errors';
import { bytesOf, interleave, makeService, psrClient, sine } from '../endpoint/helpers';

describe('a recordings folder with damaged files', () => {
  let rec: string;
  let root: string;
  let calls: CallsService;
  let goodWav: Buffer;

  const file = (name: string) => path.join(rec, name);
  /** The good call's meta file as another call's (what the endpoint wrote, under that id). */
  const metaOf = (id: string) => fs.readFileSync(file('good.meta.json'), 'utf8').replaceAll('good', id);
  const listed = async (): Promise<Map<string, CallSummary>> => new Map((await calls.list()).map((c) => [c.callId, c]));

  beforeAll(async () => {
    // One real call recorded by the endpoint: its meta, log and WAV are what the damage is made from.
    const ep = makeService();
    root = ep.dir;
    rec = ep.recordingsDir;
    const url = (await ep.service.start({ port: 0 })).localUrl!;
    const audio = bytesOf(interleave(sine(440, 0.4), sine(660, 0.4)));
    const c = await psrClient(url, { call_id: 'good', tenant: 't1' });
    await c.connected('stereo');
    for (let i = 0; i < 20; i++) await c.media(audio.subarray(i * 640, (i + 1) * 640), 'stereo');
    const ended = ep.ended('good');
    await c.closed();
    await ended;
    await ep.service.dispose();
    goodWav = fs.readFileSync(file('good.wav'));

    fs.mkdirSync(file('dirwav.wav'));
    fs.writeFileSync(file('dirwav.meta.json'), metaOf('dirwav'));
    fs.mkdirSync(file('dirlog.events.jsonl'));
    fs.writeFileSync(file('dirlog.meta.json'), metaOf('dirlog'));
    fs.mkdirSync(file('dirmeta.meta.json'));
    fs.writeFileSync(file('trunc.wav'), Buffer.from('RIFF\x00\x00', 'latin1'));
    fs.writeFileSync(file('trunc.meta.json'), metaOf('trunc'));
    const zero = Buffer.from(goodWav);
    zero.writeUInt16LE(0, 22); // channels
    zero.writeUInt16LE(0, 32); // block size
    fs.writeFileSync(file('zerofmt.wav'), zero);
    fs.writeFileSync(file('zerofmt.meta.json'), metaOf('zerofmt'));
    fs.writeFileSync(file('emptymeta.wav'), goodWav);
    fs.writeFileSync(file('emptymeta.meta.json'), '');
    fs.writeFileSync(file('garbage.wav'), goodWav);
    fs.writeFileSync(file('garbage.meta.json'), '{{{ not json');
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  afterEach(async () => {
    await calls?.dispose();
    await i18n.changeLanguage('en');
  });
  const open = () => {
    calls = new CallsService({ recordingsDir: rec, events: new EventBus(), logger: silentLogger, now: Date.now, secrets: () => [] });
  };

  it('takes no folder or pipe for a call file: the part is missing, the rest of the call is there', async () => {
    open();
    const all = await listed();
    expect(all.has('dirmeta')).toBe(false);
    expect(all.get('good')).toMatchObject({ recordings: [{ id: 'endpoint', kind: 'stereo', size: goodWav.length }], hasLog: true, problems: [] });
    expect(all.get('dirwav')).toMatchObject({ recordings: [], problems: [], endedAt: all.get('good')!.endedAt, reason: 'closed' });
    expect(all.get('dirlog')).toMatchObject({ recordings: [], hasLog: false, problems: [] });
    // Opening the call whose log is a folder, and reading its log, give the call without a log.
    expect((await calls.get('dirlog')).summary.callId).toBe('dirlog');
    expect((await calls.logPage({ callId: 'dirlog', offset: 0, limit: 10, tail: false })).total).toBe(0);
    const err = await calls.recording('dirwav', 'endpoint').catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('CALL_RECORDING_NOT_FOUND');
  });

  it('says what is wrong with a damaged recording or meta file and never offers a damaged WAV as audio', async () => {
    open();
    const all = await listed();
    expect(all.get('trunc')).toMatchObject({ recordings: [], problems: [{ part: 'recording', recordingId: 'endpoint', code: 'WAV_TRUNCATED', params: { bytes: 6 } }] });
    expect(all.get('zerofmt')).toMatchObject({ recordings: [], problems: [{ part: 'recording', recordingId: 'endpoint', code: 'WAV_CORRUPT', params: { context: 'zeroFmt' } }] });
    // The meta cannot be read, the recording can: the call is listed from it, and says why it has no facts.
    expect(all.get('emptymeta')).toMatchObject({ startedAt: null, recordings: [{ id: 'endpoint', kind: 'stereo' }], problems: [{ part: 'meta', code: 'CALL_META_UNREADABLE', params: { context: 'empty' } }] });
    expect(all.get('garbage')).toMatchObject({ recordings: [{ id: 'endpoint', kind: 'stereo' }], problems: [{ part: 'meta', code: 'CALL_META_UNREADABLE', params: { context: 'notJson' } }] });
    const err = await calls.recording('trunc', 'endpoint').catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('CALL_RECORDING_NOT_FOUND');
    // Every call listed opens, shows its log and exports without an OS error.
    for (const id of all.keys()) {
      await expect(calls.get(id)).resolves.toMatchObject({ summary: { callId: id } });
      await expect(calls.logPage({ callId: id, offset: 0, limit: 10, tail: false })).resolves.toMatchObject({ callId: id });
      await expect(calls.export(id)).resolves.toMatchObject({ fileName: expect.any(String) as string });
    }
  });

  it('words every problem in English and in Vietnamese from its code and params', async () => {
    open();
    const problems = [...(await listed()).values()].flatMap((c) => c.problems);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['WAV_TRUNCATED', 'WAV_CORRUPT', 'CALL_META_UNREADABLE']));
    for (const p of problems) {
      await i18n.changeLanguage('en');
      expect(i18n.exists(`errors:${p.code}`), p.code).toBe(true);
      const en = describeError(p);
      await i18n.changeLanguage('vi');
      const vi = describeError(p);
      expect(vi, p.code).not.toBe(en);
      expect(vi, p.code).not.toContain('{{');
      expect(vi, p.code).not.toContain(p.message);
    }
  });

  it('never opens a pipe named like a call file (opening one would wait for a writer forever)', async () => {
    const other = path.join(root, 'with-pipes');
    fs.mkdirSync(other);
    for (const name of ['pipe.wav', 'pipe.events.jsonl', 'piped.meta.json']) expect(spawnSync('mkfifo', [path.join(other, name)]).status).toBe(0);
    fs.writeFileSync(path.join(other, 'pipe.meta.json'), metaOf('pipe'));
    calls = new CallsService({ recordingsDir: other, events: new EventBus(), logger: silentLogger, now: Date.now, secrets: () => [] });
    const all = [...(await listed()).values()];
    expect(all).toMatchObject([{ callId: 'pipe', recordings: [], hasLog: false, problems: [] }]);
    await expect(calls.get('pipe')).resolves.toMatchObject({ summary: { callId: 'pipe' } });
    await expect(calls.export('pipe')).resolves.toMatchObject({ fileName: expect.any(String) as string });
  }, 10_000);

  it('deletes a call without touching a folder that has the name of one of its files', async () => {
    open();
    fs.writeFileSync(file('gone.meta.json'), metaOf('gone'));
    fs.mkdirSync(file('gone.wav'));
    await calls.delete('gone');
    expect(fs.existsSync(file('gone.meta.json'))).toBe(false);
    expect(fs.statSync(file('gone.wav')).isDirectory()).toBe(true);
  });
});
