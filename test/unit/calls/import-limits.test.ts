// Importing a call file at the edges of what it may hold: call ids up to the 160-character limit get
// an imported copy within that limit, and free-form JSON nested too deeply or too large is refused
// with a coded error naming the file's field, before anything is written and without hurting the process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/api/event-bus';
import { BUNDLE_MAX_DEPTH, BUNDLE_MAX_FIELD_BYTES } from '../../../src/main/calls/bundle';
import { CallsService } from '../../../src/main/calls/calls-service';
import { importedCallId } from '../../../src/main/calls/call-transfer';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import i18n from '../../../src/renderer/src/i18n';
import { describeError } from '../../../src/renderer/src/i18n/describe';
import { callIdSchema } from '../../../src/shared/contract/calls';
import { AppError, isAppError } from '../../../src/shared/errors';

const T0 = 1_700_000_000_000;

/** An id of exactly `len` characters, valid under callIdSchema. */
const idOf = (len: number, tag = 'L') => `${tag}${len}`.padEnd(len, 'x');

/** `[[[…]]]` nested `depth` levels, as JSON text (JSON.stringify itself cannot write it). */
const deepText = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const DEEP = '"<deep>"';
/** A file's text with the `"<deep>"` placeholder replaced by JSON nested 20,000 levels. */
const withDeep = (file: unknown) => {
  const text = JSON.stringify(file);
  expect(text).toContain(DEEP);
  return text.replace(DEEP, deepText(20_000));
};

async function thrown(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e as AppError;
    throw new Error(`expected a coded error, got ${String(e)}`);
  }
  throw new Error('expected the import to fail');
}

describe('calls:import at the limits of a call file', () => {
  let dir: string;
  let svc: CallsService;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-import-limits-'));
    svc = new CallsService({ recordingsDir: dir, events: new EventBus(), logger: silentLogger, now: Date.now, secrets: () => [] });
  });
  afterEach(async () => {
    await svc.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A call the endpoint recorded (meta and call log), exported as the app exports it. */
  async function exported(callId: string): Promise<Record<string, unknown>> {
    fs.writeFileSync(path.join(dir, `${callId}.meta.json`), JSON.stringify({ callId, source: 'endpoint', startedAt: T0, endedAt: T0 + 200, legs: ['A', 'B'], channel: 'stereo', reason: 'closed' }));
    const entries = [
      { seq: 0, at: T0 + 1, dir: 'in', type: 'connected', size: 10, summary: 'connected (stereo)' },
      { seq: 1, at: T0 + 2, dir: 'in', type: 'media', size: 640, summary: 'media 640 B #1' },
    ];
    fs.writeFileSync(path.join(dir, `${callId}.events.jsonl`), entries.map((e) => JSON.stringify(e) + '\n').join(''));
    return JSON.parse((await svc.export(callId)).content) as Record<string, unknown>;
  }

  const importedFiles = () => (fs.existsSync(path.join(dir, 'calls', 'imported')) ? fs.readdirSync(path.join(dir, 'calls', 'imported')).sort() : []);

  it('imports calls whose ids are 151, 152, 158 and 160 characters, each copy within the call id limit', async () => {
    for (const len of [151, 152, 158, 160]) {
      const original = idOf(len);
      expect(callIdSchema.safeParse(original).success).toBe(true);
      const bundle = await exported(original);
      const { callId } = await svc.import(JSON.stringify(bundle));
      expect(callId.length, `${len}: ${callId}`).toBeLessThanOrEqual(160);
      expect(callIdSchema.safeParse(callId).success).toBe(true);
      expect(callId).toMatch(/~imported$/);
      // Recognisable: the original id's start survives in the copy's id.
      expect(callId.startsWith(original.slice(0, 130))).toBe(true);
      if (len === 151) expect(callId).toBe(`${original}~imported`);
      expect((await svc.list()).find((c) => c.callId === callId)).toMatchObject({ sources: ['imported'], hasLog: true });
      expect((await svc.get(callId)).summary.callId).toBe(callId);
    }
  });

  it('keeps copies of a 158-character id unique: a second export, a different long id, the copy exported and imported again', async () => {
    const original = idOf(158);
    const bundle = await exported(original);
    const first = (await svc.import(JSON.stringify(bundle))).callId;
    // The same export twice is still recognised as such.
    expect(await thrown(svc.import(JSON.stringify(bundle)))).toMatchObject({ code: 'CALL_IMPORT_EXISTS' });
    const second = (await svc.import(JSON.stringify({ ...bundle, exportedAt: T0 + 5 }))).callId;
    expect(second).toMatch(/~imported-2$/);
    expect(second.length).toBeLessThanOrEqual(160);
    expect(second.startsWith(original.slice(0, 130))).toBe(true);
    // Another id with the same first 150 characters gets a copy of its own, not a numbered sibling.
    const other = (await svc.import(JSON.stringify({ ...bundle, callId: `${original.slice(0, 150)}yyyyyyyy` }))).callId;
    expect(other).toMatch(/~imported$/);
    expect(new Set([first, second, other]).size).toBe(3);
    // An imported copy exported and imported again.
    const again = (await svc.import((await svc.export(first)).content)).callId;
    expect(callIdSchema.safeParse(again).success).toBe(true);
    expect(new Set([first, second, other, again]).size).toBe(4);
    expect(importedFiles()).toHaveLength(8);
  });

  it('names copies within 160 characters for every number it may give', () => {
    for (const len of [1, 100, 147, 150, 151, 152, 158, 160]) {
      for (const n of [1, 2, 10, 999]) {
        const id = importedCallId(idOf(len), n);
        expect(callIdSchema.safeParse(id).success, `${len}/${n}: ${id}`).toBe(true);
        expect(id.endsWith(n === 1 ? '~imported' : `~imported-${n}`)).toBe(true);
      }
    }
    expect(importedCallId('c3', 1)).toBe('c3~imported');
    expect(importedCallId('c3', 2)).toBe('c3~imported-2');
  });

  it('refuses a request nested 20,000 deep with a coded error naming the field and the limit, leaving nothing on disk', async () => {
    const bundle = await exported('deep-1');
    const before = importedFiles();
    const e = await thrown(svc.import(withDeep({ ...bundle, request: '<deep>' })));
    expect(e.code).toBe('CALL_IMPORT_LIMIT');
    expect(e.field).toBe('content');
    expect(e.params).toEqual({ context: 'depth', where: 'request', limit: BUNDLE_MAX_DEPTH });
    expect(e.message).toContain("field 'request' of the file");
    expect(e.message).toContain(`at most ${BUNDLE_MAX_DEPTH} levels`);
    expect(importedFiles()).toEqual(before);
    expect((await svc.list()).filter((c) => c.sources.includes('imported'))).toEqual([]);
    // The service still works: the same file without the nesting imports.
    expect(await svc.import(JSON.stringify({ ...bundle, request: JSON.parse(deepText(BUNDLE_MAX_DEPTH)) }))).toEqual({ callId: 'deep-1~imported' });
  });

  it('names a deep meta value, response and version 1 line payload, and a request over the size limit', async () => {
    const bundle = await exported('deep-2');
    const deep = '<deep>';
    const where = async (over: Record<string, unknown>) => (await thrown(svc.import(withDeep({ ...bundle, ...over })))).params;
    expect(await where({ meta: { endpoint: { nested: deep } } })).toMatchObject({ context: 'depth', where: 'meta' });
    expect(await where({ response: deep })).toMatchObject({ context: 'depth', where: 'response' });
    const { log: _log, turns: _turns, ...v1 } = bundle;
    expect(await where({ ...v1, version: 1, lines: [{ w: 0, e: 'call:log', p: { callId: 'deep-2', entries: [] } }, { w: 1, e: 'call:started', p: deep }] })).toMatchObject({
      context: 'depth',
      where: 'lines[1].p',
    });
    const large = await thrown(svc.import(JSON.stringify({ ...bundle, request: { body: 'x'.repeat(BUNDLE_MAX_FIELD_BYTES) } })));
    expect(large).toMatchObject({ code: 'CALL_IMPORT_LIMIT', field: 'content', params: { context: 'size', where: 'request', limitMiB: 1 } });
    expect(large.message).toContain(`expected at most ${BUNDLE_MAX_FIELD_BYTES} bytes of JSON`);
    expect(importedFiles()).toEqual([]);
  });

  it('removes the copy again when its summary cannot be written, so no half-imported call is listed', async () => {
    const bundle = await exported('half-1');
    // A folder where the summary file goes: writing it fails after the bundle file was written.
    fs.mkdirSync(path.join(dir, 'calls', 'imported', 'half-1~imported.summary.json'), { recursive: true });
    await expect(svc.import(JSON.stringify(bundle))).rejects.toThrow(/EISDIR/);
    expect(importedFiles()).toEqual(['half-1~imported.summary.json']);
    expect((await svc.list()).filter((c) => c.sources.includes('imported'))).toEqual([]);
  });

  it('words the refusal in Vietnamese from its params, naming the field and the limit', async () => {
    const bundle = await exported('deep-3');
    const e = await thrown(svc.import(withDeep({ ...bundle, request: '<deep>' })));
    try {
      await i18n.changeLanguage('vi');
      const text = describeError({ code: e.code, message: e.message, field: e.field, params: e.params });
      expect(text).toContain('“request” trong tệp lồng sâu hơn 64 cấp');
      expect(text).not.toMatch(/\b(expected|nested|levels|file)\b/);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('calls:import through the dispatcher', () => {
  it('answers a deeply nested file and a long call id as the renderer sees them, and keeps serving', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-import-wire-'));
    const services = createNodeAppServices({ dataDir, logger: silentLogger });
    try {
      const base = {
        format: 'psr-console-call',
        version: 2,
        exportedAt: T0,
        callId: idOf(158),
        summary: { startedAt: T0, endedAt: T0 + 100, legs: ['A', 'B'], channel: 'stereo', tenant: null, reason: 'closed', sources: ['endpoint'] },
        meta: {},
        request: null,
        response: null,
        log: [{ seq: 0, at: T0, dir: 'in', type: 'connected', size: 10, summary: 'connected (stereo)' }],
        turns: null,
        recordings: [],
      };
      const deep = await services.dispatcher.dispatch('calls:import', { content: withDeep({ ...base, request: '<deep>' }) });
      expect(deep).toMatchObject({ ok: false, error: { code: 'CALL_IMPORT_LIMIT', field: 'content', params: { where: 'request', limit: BUNDLE_MAX_DEPTH } } });
      const long = await services.dispatcher.dispatch('calls:import', { content: JSON.stringify(base) });
      expect(long).toMatchObject({ ok: true });
      const imported = long.ok ? (long.value as { callId: string }).callId : '';
      expect(imported.length).toBeLessThanOrEqual(160);
      expect(await services.dispatcher.dispatch('calls:get', { callId: imported })).toMatchObject({ ok: true, value: { summary: { callId: imported } } });
    } finally {
      await services.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
