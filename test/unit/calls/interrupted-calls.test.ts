// A call whose process was killed mid-call (kill -9, power loss) keeps the meta written at its start:
// `endedAt: null`, `reason: null`. When the endpoint next starts on the folder it gives such a call an
// end (`interrupted`, at the last write of its files, never before its audio ends), and the library
// shows it with its duration; a call that ended, or that a server of this process is recording, is
// left as it is.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/api/event-bus';
import { wavHeader } from '../../../src/main/audio/wav-recorder';
import { CallsService } from '../../../src/main/calls/calls-service';
import { EndpointService } from '../../../src/main/endpoint/endpoint-service';
import { silentLogger } from '../../../src/main/logger';
import i18n from '../../../src/renderer/src/i18n';
import { describeEndReason } from '../../../src/renderer/src/i18n/describe';
import { callMetaSchema, type CallMeta } from '../../../src/shared/call-log';
import { bytesOf, interleave, makeService, psrClient, sine } from '../endpoint/helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await i18n.changeLanguage('en');
});

/** A call's start in the past, on a whole second (file times keep it exactly). */
const STARTED = Math.floor(Date.now() / 1000) * 1000 - 600_000;

/** The meta file the endpoint writes when a call starts (and rewrites when it ends). */
function startMeta(callId: string): CallMeta {
  return callMetaSchema.parse({
    callId,
    source: 'endpoint',
    startedAt: STARTED,
    endedAt: null,
    query: { call_id: callId, tenant: 't1' },
    tenant: 't1',
    channel: 'stereo',
    legs: ['A', 'B'],
    reason: null,
    stats: null,
    recording: `${callId}.wav`,
    events: `${callId}.events.jsonl`,
    tap: null,
  });
}

/**
 * The files a killed endpoint leaves of a stereo call: the meta of its start, the log's lines so far,
 * and a recording whose audio ran past its header's sizes (they are brought up to date every 5 s).
 */
function killedCall(rec: string, callId: string, audioSeconds: number, lastWriteMs: number): void {
  fs.writeFileSync(path.join(rec, `${callId}.meta.json`), JSON.stringify(startMeta(callId), null, 2));
  const audio = Buffer.from(bytesOf(interleave(sine(440, audioSeconds), sine(660, audioSeconds))));
  fs.writeFileSync(path.join(rec, `${callId}.wav`), Buffer.concat([wavHeader(2, 8000, 0), audio]));
  fs.writeFileSync(path.join(rec, `${callId}.events.jsonl`), `{"seq":0,"at":${STARTED},"dir":"in","type":"connected","size":60,"summary":"connected"}\n`);
  const last = new Date(lastWriteMs);
  fs.utimesSync(path.join(rec, `${callId}.wav`), last, last);
  fs.utimesSync(path.join(rec, `${callId}.events.jsonl`), new Date(lastWriteMs - 400), new Date(lastWriteMs - 400));
}

const readMeta = (rec: string, callId: string) => callMetaSchema.parse(JSON.parse(fs.readFileSync(path.join(rec, `${callId}.meta.json`), 'utf8')));

describe('calls a killed endpoint left without an end', () => {
  it('get an end when the endpoint starts: interrupted, at the last write of their files, shown with their duration', async () => {
    const ep = makeService();
    cleanups.push(() => fs.rmSync(ep.dir, { recursive: true, force: true }));
    const rec = ep.recordingsDir;
    fs.mkdirSync(rec, { recursive: true });
    // Last written 7.5 s after its start, with 7 s of audio on disk.
    killedCall(rec, 'cut', 7, STARTED + 7_500);
    // Files whose times say less than the audio they hold (copied with old times): the audio decides.
    killedCall(rec, 'copied', 3, STARTED + 1_000);
    const endedMeta = { ...startMeta('done'), endedAt: STARTED + 2_000, reason: 'closed' };
    fs.writeFileSync(path.join(rec, 'done.meta.json'), JSON.stringify(endedMeta, null, 2));
    const doneBefore = fs.readFileSync(path.join(rec, 'done.meta.json'));

    await ep.service.start({ port: 0 });
    cleanups.push(() => ep.service.dispose());

    expect(readMeta(rec, 'cut')).toMatchObject({ endedAt: STARTED + 7_500, reason: 'interrupted', recording: 'cut.wav', stats: null, startedAt: STARTED, legs: ['A', 'B'] });
    expect(readMeta(rec, 'copied')).toMatchObject({ endedAt: STARTED + 3_000, reason: 'interrupted' });
    expect(fs.readFileSync(path.join(rec, 'done.meta.json')).equals(doneBefore)).toBe(true);
    // Written whole (write-then-rename): no temporary file left beside it.
    expect(fs.readdirSync(rec).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // The recording's header was repaired as before.
    expect(fs.readFileSync(path.join(rec, 'cut.wav')).readUInt32LE(40)).toBe(7 * 8000 * 4);

    const calls = new CallsService({ recordingsDir: rec, events: new EventBus(), logger: silentLogger, now: Date.now, secrets: () => [] });
    cleanups.push(() => calls.dispose());
    const cut = (await calls.list()).find((c) => c.callId === 'cut');
    expect(cut).toMatchObject({ endedAt: STARTED + 7_500, durationMs: 7_500, reason: 'interrupted', live: false });
    expect((await calls.get('cut')).endT).toBe(7_000);
  });

  it('words the end reason in English and Vietnamese', async () => {
    const en = describeEndReason('interrupted');
    await i18n.changeLanguage('vi');
    const vi = describeEndReason('interrupted');
    expect(en).not.toBe('interrupted');
    expect(vi).not.toBe('interrupted');
    expect(vi).not.toBe(en);
  });

  it('leaves alone a call that another endpoint of this process is recording', async () => {
    const first = makeService();
    cleanups.push(() => fs.rmSync(first.dir, { recursive: true, force: true }));
    const url = (await first.service.start({ port: 0 })).localUrl!;
    cleanups.push(() => first.service.dispose());
    const c = await psrClient(url, { call_id: 'running', tenant: 't1' });
    const started = first.waitEvent('call:started', (p) => p.callId === 'running');
    await c.connected('stereo');
    await started;
    expect(readMeta(first.recordingsDir, 'running').endedAt).toBeNull();

    const second = new EndpointService({ dataDir: first.dir, recordingsDir: first.recordingsDir, logger: silentLogger });
    await second.start({ port: 0 });
    cleanups.push(() => second.dispose());
    expect(readMeta(first.recordingsDir, 'running')).toMatchObject({ endedAt: null, reason: null });

    // The call goes on and ends as PSR ends it.
    await c.media(bytesOf(interleave(sine(440, 0.02), sine(660, 0.02))), 'stereo');
    const ended = first.ended('running');
    await c.closed();
    await ended;
    expect(readMeta(first.recordingsDir, 'running').reason).toBe('closed');
  });
});
