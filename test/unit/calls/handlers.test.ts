// The calls domain through the dispatcher, as the renderer reaches it: validated arguments, coded errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';

let dir: string;
let services: ReturnType<typeof createNodeAppServices>;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-calls-handlers-'));
  services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
});
afterAll(async () => {
  await services.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('calls handlers', () => {
  it('refuse call ids that could leave the recordings folder, and bad paging, naming the field', async () => {
    expect(await services.dispatcher.dispatch('calls:delete', { callId: '../settings' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'callId' } });
    const page = await services.dispatcher.dispatch('calls:logPage', { callId: 'x', limit: 5000 });
    expect(page).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'limit' } });
    if (!page.ok) expect(page.error.message).toContain('a limit between 1 and 1000');
    expect(await services.dispatcher.dispatch('calls:get', { callId: 'nope' })).toMatchObject({ ok: false, error: { code: 'CALL_NOT_FOUND', field: 'callId' } });
    expect(await services.dispatcher.dispatch('calls:import', { content: '[]' })).toMatchObject({ ok: false, error: { code: 'CALL_IMPORT_INVALID' } });
  });

  it('see calls emitted on the app event bus', async () => {
    services.events.emit('call:started', { callId: 'h-1', source: 'endpoint', startedAt: 1, tenant: null, query: {}, channel: 'mono_b', legs: ['B'], recordingPath: null });
    services.events.emit('call:log', { callId: 'h-1', entries: [{ seq: 0, at: 1, dir: 'in', type: 'connected', size: 10, summary: 'connected (mono_b)' }] });
    expect(await services.dispatcher.dispatch('calls:live', undefined)).toMatchObject({ ok: true, value: { calls: [{ started: { callId: 'h-1' }, ended: false }] } });
    expect(await services.dispatcher.dispatch('calls:logPage', { callId: 'h-1', search: 'MONO_B' })).toMatchObject({ ok: true, value: { matched: 1, total: 1 } });
    expect(await services.dispatcher.dispatch('calls:list', undefined)).toMatchObject({ ok: true, value: { calls: [{ callId: 'h-1', live: true, legs: ['B'] }] } });
    expect(await services.dispatcher.dispatch('calls:delete', { callId: 'h-1' })).toMatchObject({ ok: false, error: { code: 'CALL_IS_LIVE' } });
  });
});
