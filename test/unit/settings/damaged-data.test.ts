// Damaged data files: each is kept as a backup, the damaged part starts from defaults, the app starts,
// and app:info says what was reset and where the backup is, on the first start and on the next one
// until the user dismisses it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import type { AppInfo } from '../../../src/shared/contract/app';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-damaged-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function start(): Promise<{ info: AppInfo; call: (n: string, a?: unknown) => Promise<unknown>; stop(): Promise<void> }> {
  const services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
  const call = async (n: string, a?: unknown) => {
    const r = await services.dispatcher.dispatch(n, a);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return { info: (await call('app:info')) as AppInfo, call, stop: () => services.dispose() };
}

const backups = (prefix: string) => fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f !== `${prefix}.json`);

describe('garbage secrets.json', () => {
  it('first start: runs, keeps the garbage as an owner-only backup, says tokens were reset; second start says it again until dismissed', async () => {
    fs.writeFileSync(path.join(dir, 'secrets.json'), '\u0000garbage{{{');
    const first = await start();
    const [backup] = backups('secrets');
    expect(backup).toBeDefined();
    expect(fs.readFileSync(path.join(dir, backup!), 'utf8')).toBe('\u0000garbage{{{');
    expect(fs.statSync(path.join(dir, backup!)).mode & 0o777).toBe(0o600);
    expect(first.info.dataResets).toEqual([expect.objectContaining({ part: 'tokens', backup: path.join(dir, backup!) })]);
    // The app works: a profile with a token can be saved.
    await first.call('profiles:save', { name: 'After reset', baseUrl: 'https://psr.example', authScheme: 'bearer', token: 'new-token-123456' });
    await first.stop();

    const second = await start();
    expect(second.info.dataResets).toEqual([expect.objectContaining({ part: 'tokens', backup: path.join(dir, backup!) })]);
    const list = (await second.call('profiles:list')) as { profiles: Array<{ name: string; tokenSet: boolean }> } | Array<{ name: string; tokenSet: boolean }>;
    const profiles = Array.isArray(list) ? list : list.profiles;
    expect(profiles.find((p) => p.name === 'After reset')?.tokenSet).toBe(true);
    await second.call('app:dismissDataResets');
    await second.stop();

    const third = await start();
    expect(third.info.dataResets).toEqual([]);
    await third.stop();
  });
});

describe('settings.json of the wrong shape', () => {
  it('resets only the damaged part, keeps a backup of the whole file, and starts', async () => {
    const original = { endpoint: { port: '8000', host: '127.0.0.1' }, ui: { language: 'vi' }, profiles: 'not a list', 'psr.connection': { connectTimeoutMs: 'soon' } };
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(original));
    const first = await start();
    const [backup] = backups('settings');
    expect(JSON.parse(fs.readFileSync(path.join(dir, backup!), 'utf8'))).toEqual(original);
    const parts = first.info.dataResets.map((r) => r.part).sort();
    expect(parts).toEqual(['settings.endpoint', 'settings.profiles', 'settings.psr.connection']);
    const endpointReset = first.info.dataResets.find((r) => r.part === 'settings.endpoint')!;
    expect(endpointReset.reason).toMatch(/port/);
    expect(endpointReset.backup).toBe(path.join(dir, backup!));
    // Defaults for the damaged parts, the rest kept.
    expect(await first.call('endpoint:getSettings')).toMatchObject({ port: 8000 });
    expect(await first.call('app:getPrefs')).toMatchObject({ language: 'vi' });
    await first.stop();
    const second = await start();
    expect(second.info.dataResets.map((r) => r.part).sort()).toEqual(parts);
    expect(backups('settings')).toHaveLength(1);
    await second.stop();
  });

  it('a settings file that is not JSON is backed up and reported as a whole', async () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"ui": {"language": "vi"');
    const first = await start();
    expect(first.info.dataResets).toEqual([expect.objectContaining({ part: 'settings' })]);
    expect(fs.existsSync(first.info.dataResets[0]!.backup)).toBe(true);
    await first.stop();
  });
});
