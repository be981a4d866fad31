// The token never crosses to the renderer: cURL commands carry $PSR_TOKEN; "copy with token" puts the
// text on the clipboard from the main process (desktop) and is refused in web mode.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { emptyPsrRequest, type PsrRequest } from '../../../src/shared/psr/request';
import { tempDir } from '../psr/helpers';

const TOKEN = 'tok-never-to-the-renderer-123456';
const request: PsrRequest = { ...emptyPsrRequest(), url: 'wss://bot.example.com/ws', destination: '0901234567', app: 'bot', is_silence: true };

let dir: string;
let services: ReturnType<typeof createNodeAppServices>;
afterEach(async () => {
  await services.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function setup(clipboard?: { writeText(t: string): void }) {
  dir = tempDir('psr-token-');
  services = createNodeAppServices({ dataDir: dir, logger: silentLogger, ...(clipboard ? { clipboard } : {}) });
  const p = await services.dispatcher.dispatch('profiles:save', { name: 'P', baseUrl: 'https://psr.example', authScheme: 'bearer', token: TOKEN });
  if (!p.ok) throw new Error(p.error.message);
  await services.dispatcher.dispatch('profiles:setActive', { id: (p.value as { id: string }).id });
}

describe('token reveal', () => {
  it('has no argument that reveals the token in a cURL command', async () => {
    await setup();
    const asked = await services.dispatcher.dispatch('psr:curl', { request, revealToken: true });
    expect(asked.ok).toBe(false);
    expect(JSON.stringify(asked)).not.toContain(TOKEN);
    const plain = await services.dispatcher.dispatch('psr:curl', { request });
    expect(plain.ok && (plain.value as { command: string }).command).toContain('$PSR_TOKEN');
    expect(JSON.stringify(plain)).not.toContain(TOKEN);
  });

  it('desktop: copies the command with the token to the clipboard in main; the result holds no token', async () => {
    const copied: string[] = [];
    await setup({ writeText: (t) => copied.push(t) });
    const r = await services.dispatcher.dispatch('psr:copyCurlWithToken', { request });
    expect(r).toEqual({ ok: true, value: { ok: true } });
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain(`Authorization: Bearer ${TOKEN}`);
  });

  it('web mode: copying with the token is refused with a code', async () => {
    await setup();
    const r = await services.dispatcher.dispatch('psr:copyCurlWithToken', { request });
    expect(r).toMatchObject({ ok: false, error: { code: 'TOKEN_COPY_UNAVAILABLE' } });
  });
});
