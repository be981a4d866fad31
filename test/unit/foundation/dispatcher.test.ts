// Every contract call goes through the dispatcher: arguments validated, errors coded and named.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { silentLogger } from '../../../src/main/logger';
import { contract, callNames } from '../../../src/shared/contract';
import { redactSecrets } from '../../../src/shared/redact';

let dir: string;
let services: ReturnType<typeof createNodeAppServices>;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-dispatch-'));
  services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
});
afterAll(async () => {
  await services.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dispatcher', () => {
  it('names the field and the expectation for invalid arguments', async () => {
    const r = await services.dispatcher.dispatch('profiles:save', { name: '', baseUrl: 'https://x.example' });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'name' }) });
    if (!r.ok) expect(r.error.message).toMatch(/^profiles:save: field 'name': expected a name/);
  });

  it('rejects unknown keys, wrong types and unknown calls', async () => {
    const extra = await services.dispatcher.dispatch('profiles:setActive', { id: 'offline-simulator', evil: true });
    expect(extra.ok).toBe(false);
    const wrongType = await services.dispatcher.dispatch('app:setPrefs', { language: 'fr' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'language' } });
    expect(await services.dispatcher.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('rejects garbage arguments to every call in the contract with a coded error (no call crashes)', async () => {
    for (const name of callNames) {
      const r = await services.dispatcher.dispatch(name, 'garbage');
      expect(r.ok, `${name} accepted a string as its arguments`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_ARGUMENT');
    }
    expect(callNames.length).toBe(Object.keys(contract.calls).length);
  });

  it('returns results that match the contract', async () => {
    const r = await services.dispatcher.dispatch('app:info', undefined);
    expect(r).toMatchObject({ ok: true, value: { mode: 'web', secretStorage: 'owner-only-file' } });
  });
});

describe('redaction', () => {
  it('scrubs known secrets and Authorization values', () => {
    expect(redactSecrets('token=abcd1234efgh and Authorization: Bearer xyz789abc', ['abcd1234efgh'])).toBe('token=«redacted» and Authorization: Bearer «redacted»');
  });
});
