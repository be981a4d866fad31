// Settings, tokens and profiles under plain Node (web/CLI mode), on a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConfSettings } from '../../../src/main/settings/conf-settings';
import { openFileSecrets } from '../../../src/main/settings/file-secrets';
import { ProfilesService, SIMULATOR_PROFILE_ID } from '../../../src/main/profiles/profiles-service';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-settings-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'very-secret-token-value-1234';

function open() {
  const settings = openConfSettings(dir);
  const secrets = openFileSecrets(dir, (r) => settings.recordReset(r));
  return { settings, secrets, profiles: new ProfilesService(settings, secrets) };
}

describe('profiles', () => {
  it('starts with the built-in Offline simulator profile, active, with a generated token', () => {
    const { profiles } = open();
    const list = profiles.list();
    expect(list.activeId).toBe(SIMULATOR_PROFILE_ID);
    expect(list.profiles[0]).toMatchObject({ name: 'Offline simulator', builtin: true, tokenSet: true });
    expect(() => profiles.delete(SIMULATOR_PROFILE_ID)).toThrow(/cannot be deleted/);
  });

  it('keeps tokens out of views and out of settings.json, in a 0600 file', () => {
    const { profiles, settings } = open();
    const saved = profiles.save({ name: 'Prod', baseUrl: 'https://psr.example.com', authScheme: 'basic', token: TOKEN });
    expect(saved).toEqual({ id: 'prod', name: 'Prod', baseUrl: 'https://psr.example.com', authScheme: 'basic', builtin: false, tokenSet: true, tokenLast4: '1234' });
    expect(JSON.stringify(profiles.list())).not.toContain(TOKEN);
    expect(fs.readFileSync(settings.path, 'utf8')).not.toContain(TOKEN);
    const secretsFile = path.join(dir, 'secrets.json');
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(profiles.credentials('prod')).toMatchObject({ token: TOKEN, authScheme: 'basic', baseUrl: 'https://psr.example.com' });
  });

  it('survives a restart; an edit without a token keeps the stored one; clearToken removes it', () => {
    open().profiles.save({ name: 'Prod', baseUrl: 'https://psr.example.com', token: TOKEN });
    const { profiles } = open();
    expect(profiles.list().profiles.map((p) => p.name)).toEqual(['Offline simulator', 'Prod']);
    profiles.save({ id: 'prod', name: 'Production', baseUrl: 'https://psr.example.com' });
    expect(profiles.credentials('prod').token).toBe(TOKEN);
    profiles.save({ id: 'prod', name: 'Production', baseUrl: 'https://psr.example.com', clearToken: true });
    expect(profiles.credentials('prod').token).toBeUndefined();
  });

  it('rejects a duplicate name naming the field', () => {
    const { profiles } = open();
    profiles.save({ name: 'Prod', baseUrl: 'https://a.example' });
    expect(() => profiles.save({ name: 'prod', baseUrl: 'https://b.example' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'name' }));
  });
});

describe('corrupt settings', () => {
  it('backs up a corrupt settings file, reports it, and starts fresh', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"profiles": [ this is not json');
    const { settings, profiles } = open();
    expect(settings.resets()).toHaveLength(1);
    expect(settings.resets()[0]).toMatchObject({ part: 'settings', reason: expect.stringMatching(/not readable as JSON/) });
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith('settings.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, backups[0]!), 'utf8')).toContain('this is not json');
    expect(profiles.list().profiles).toHaveLength(1);
  });
});
