// The built-in Offline simulator profile shows the address its requests really go to: where the
// simulator runs, else the port it will start on; its address and token are the simulator's, whatever a
// save sends.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import type { ProfileList, ProfileView } from '../../../src/shared/contract/profiles';
import type { HistoryEntry } from '../../../src/shared/contract/psr';
import { emptyPsrRequest } from '../../../src/shared/psr/request';
import { closedPort, tempDir } from '../psr/helpers';

let dir: string;
let services: ReturnType<typeof createNodeAppServices>;
beforeEach(() => {
  dir = tempDir('psr-sim-address-');
  services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
});
afterEach(async () => {
  await services.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function value<T>(name: string, args?: unknown): Promise<T> {
  const r = await services.dispatcher.dispatch(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const simulatorProfile = async () => (await value<ProfileList>('profiles:list')).profiles.find((p) => p.id === 'offline-simulator')!;

describe('Offline simulator profile address', () => {
  it('is the port the simulator will start on, then where it runs, and where create stream goes', async () => {
    const port = await closedPort();
    await value('simulator:saveSettings', { port });
    expect((await simulatorProfile()).baseUrl).toBe(`http://127.0.0.1:${port}`);

    await value('simulator:saveSettings', { port: 0 });
    const { baseUrl } = await value<{ baseUrl: string }>('simulator:start');
    expect(await simulatorProfile()).toMatchObject({ baseUrl, tokenSet: true });

    const { entry } = await value<{ entry: HistoryEntry }>('psr:createStream', {
      profileId: 'offline-simulator',
      request: { ...emptyPsrRequest(), url: 'ws://127.0.0.1:9/ws', destination: '0901234567', app: 'bot', is_silence: true },
    });
    expect(entry.error).toBeNull();
    expect(entry.baseUrl).toBe(baseUrl);
  });

  it('stays the simulator address, with its token, when a save sends another one', async () => {
    await value('simulator:saveSettings', { port: 0 });
    const { baseUrl } = await value<{ baseUrl: string }>('simulator:start');
    const saved = await value<ProfileView>('profiles:save', { id: 'offline-simulator', name: 'Offline simulator', baseUrl: 'https://psr.example.com' });
    expect(saved).toMatchObject({ baseUrl, tokenSet: true });
    expect(await simulatorProfile()).toMatchObject({ baseUrl, tokenSet: true });
  });
});
