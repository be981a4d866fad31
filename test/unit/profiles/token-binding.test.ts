// Which saves keep a profile's token: the same origin (scheme, host, port; any path) keeps it, any other
// origin without a new token clears it, including profiles saved before tokens were bound and a token
// left in the secret store under an id that a new profile takes. Requests go to a real server on
// 127.0.0.1 that echoes the Authorization header back.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConfSettings } from '../../../src/main/settings/conf-settings';
import { openFileSecrets } from '../../../src/main/settings/file-secrets';
import { ProfilesService } from '../../../src/main/profiles/profiles-service';
import { downloadRecording } from '../../../src/main/psr/recordings';
import { defaultConnectionOptions } from '../../../src/main/psr/http';
import { startRecorder, tempDir, type Recorder } from '../psr/helpers';

const TOKEN = 'bound-token-value-0123456789';

let dir: string;
let echo: Recorder;
beforeEach(async () => {
  dir = tempDir('psr-binding-');
  echo = await startRecorder((r, res) => {
    res.writeHead(200, { 'content-type': 'audio/wav' });
    res.end(`RIFF${String(r.headers.authorization ?? 'none')}`);
  });
});
afterEach(async () => {
  await echo.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open() {
  const settings = openConfSettings(dir);
  const secrets = openFileSecrets(dir, (r) => settings.recordReset(r));
  return { settings, secrets, profiles: new ProfilesService(settings, secrets) };
}

describe('token binding on save', () => {
  it('keeps the token for the same origin written differently, clears it for another scheme or port', () => {
    const { profiles } = open();
    const { id } = profiles.save({ name: 'Prod', baseUrl: 'https://psr.example.com', token: TOKEN });
    expect(profiles.save({ id, name: 'Prod', baseUrl: 'https://PSR.example.com:443/api/' }).tokenSet).toBe(true);
    expect(profiles.credentials(id)).toMatchObject({ token: TOKEN, tokenOrigin: 'https://psr.example.com' });
    expect(profiles.save({ id, name: 'Prod', baseUrl: 'https://psr.example.com:8443' })).toMatchObject({ tokenSet: false, tokenLast4: null });
    expect(profiles.credentials(id)).toMatchObject({ token: undefined, tokenOrigin: null });

    profiles.save({ id, name: 'Prod', baseUrl: 'https://psr.example.com', token: TOKEN });
    expect(profiles.save({ id, name: 'Prod', baseUrl: 'http://psr.example.com' }).tokenSet).toBe(false);
    expect(profiles.allTokens()).not.toContain(TOKEN);
  });

  it('a profile saved before tokens were bound keeps its token at its address and loses it elsewhere', async () => {
    const { settings, secrets } = open();
    settings.set('profiles', [{ id: 'old', name: 'Old', baseUrl: echo.url, authScheme: 'bearer', builtin: false }]);
    secrets.set('old', TOKEN);
    const { profiles } = open();
    expect(profiles.save({ id: 'old', name: 'Old', baseUrl: `${echo.url}/v2` }).tokenSet).toBe(true);
    const at = (baseUrl: string) => ({ ...profiles.credentials('old'), baseUrl });
    await downloadRecording(at(echo.url), '/r.wav', `${dir}/rec`, defaultConnectionOptions);
    expect(echo.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);

    expect(profiles.save({ id: 'old', name: 'Old', baseUrl: 'https://psr.example.com' }).tokenSet).toBe(false);
    await expect(downloadRecording(at(echo.url), '/r.wav', `${dir}/rec`, defaultConnectionOptions)).rejects.toMatchObject({ code: 'PSR_NO_TOKEN' });
    expect(echo.requests).toHaveLength(1);
  });

  it('a new profile does not take over a token left in the secret store under its id', () => {
    const { secrets, profiles } = open();
    secrets.set('prod', TOKEN);
    const saved = profiles.save({ name: 'Prod', baseUrl: 'https://elsewhere.example' });
    expect(saved).toMatchObject({ id: 'prod', tokenSet: false });
    expect(profiles.credentials('prod').token).toBeUndefined();
  });
});
