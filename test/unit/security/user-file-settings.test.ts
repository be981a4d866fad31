// A path that can never be the file a setting names (a FIFO, /dev/zero, a symlink to it, a folder,
// an oversized file) is refused when the setting is saved, through the dispatcher as the UI and the
// web bridge call it: psr:setOptions caFile, endpoint:saveSettings / endpoint:start certPath and
// keyPath. Nothing is saved; a good path, and one with nothing there yet, are still accepted.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { tempDir } from '../psr/helpers';
import { makeHostilePaths } from './hostile-paths';

let dir: string;
let services: ReturnType<typeof createNodeAppServices>;
const bad: Record<'fifo' | 'devZero' | 'zeroLink' | 'folder' | 'big', string> = { fifo: '', devZero: '/dev/zero', zeroLink: '', folder: '', big: '' };
let good: string;

async function dispatch(name: string, args: unknown): Promise<{ ok: boolean; error?: { code: string; field?: string; message: string; params?: Record<string, unknown> }; value?: unknown }> {
  return (await services.dispatcher.dispatch(name, args)) as never;
}

beforeEach(() => {
  dir = tempDir('psr-user-file-settings-');
  Object.assign(bad, makeHostilePaths(dir, 1024 * 1024));
  good = path.join(dir, 'good.pem');
  fs.writeFileSync(good, '-----BEGIN CERTIFICATE-----\n');
  services = createNodeAppServices({ dataDir: path.join(dir, 'data'), logger: silentLogger });
});
afterEach(async () => {
  await services.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const expectedMessage = (id: string) => (id === 'big' ? expect.stringContaining('to be at most 1048576 bytes') : expect.stringContaining('a regular file'));

describe('file paths refused when the setting is saved', () => {
  it('psr:setOptions refuses such a caFile with PSR_CA_FILE and keeps the saved options', async () => {
    for (const [id, p] of Object.entries(bad)) {
      const t0 = performance.now();
      const r = await dispatch('psr:setOptions', { caFile: p, headersTimeoutMs: 1234 });
      expect(performance.now() - t0, id).toBeLessThan(2000);
      expect(r, id).toMatchObject({ ok: false, error: { code: 'PSR_CA_FILE', field: 'caFile', message: expectedMessage(id), params: { path: p } } });
      expect(r.error!.params!.cause, id).toBe(id === 'big' ? 'FILE_TOO_LARGE' : id === 'folder' ? 'EISDIR' : 'NOT_REGULAR_FILE');
      expect(await dispatch('psr:getOptions', {}), id).toMatchObject({ ok: true, value: { caFile: null, headersTimeoutMs: 30000 } });
    }
    expect(await dispatch('psr:setOptions', { caFile: good })).toMatchObject({ ok: true, value: { caFile: good } });
    const later = path.join(dir, 'not-yet.pem');
    expect(await dispatch('psr:setOptions', { caFile: later })).toMatchObject({ ok: true, value: { caFile: later } });
  }, 15_000);

  it('endpoint:saveSettings refuses such a certPath or keyPath with ENDPOINT_TLS_INVALID and saves nothing', async () => {
    for (const field of ['certPath', 'keyPath'] as const) {
      for (const [id, p] of Object.entries(bad)) {
        const r = await dispatch('endpoint:saveSettings', { tls: true, port: 8123, [field]: p });
        expect(r, `${field} ${id}`).toMatchObject({ ok: false, error: { code: 'ENDPOINT_TLS_INVALID', field, message: expectedMessage(id) } });
        expect(await dispatch('endpoint:getSettings', {}), `${field} ${id}`).toMatchObject({ ok: true, value: { tls: false, port: 8000, certPath: null, keyPath: null } });
      }
    }
    expect(await dispatch('endpoint:saveSettings', { certPath: good, keyPath: path.join(dir, 'not-yet.pem') })).toMatchObject({ ok: true, value: { certPath: good } });
  }, 15_000);

  it('endpoint:start refuses a folder as certPath before saving it', async () => {
    const r = await dispatch('endpoint:start', { port: 0, tls: true, certPath: bad.folder, keyPath: good });
    expect(r).toMatchObject({ ok: false, error: { code: 'ENDPOINT_TLS_INVALID', field: 'certPath', message: expect.stringContaining('to be a regular file; it is a folder') } });
    expect(await dispatch('endpoint:getSettings', {})).toMatchObject({ ok: true, value: { tls: false, certPath: null, keyPath: null } });
  }, 15_000);
});
