// The Electron guards' decisions and the packaging fuses, checked without the Electron binary.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allowNavigation, allowNewWindow, allowPermissionCheck, allowPermissionRequest, allowWebviewAttach } from '../../../src/main/electron/security-policy';

const ours = 'file:///app/out/renderer/index.html';
const trusted = (u: string) => u === ours || u.startsWith(ours + '#');

describe('permission decisions', () => {
  it('check handler: denies media when mediaType is undefined, and video; allows audio for our page only', () => {
    expect(allowPermissionCheck('media', undefined, ours, trusted)).toBe(false);
    expect(allowPermissionCheck('media', 'video', ours, trusted)).toBe(false);
    expect(allowPermissionCheck('media', 'audio', ours, trusted)).toBe(true);
    expect(allowPermissionCheck('media', 'audio', 'https://evil.example/', trusted)).toBe(false);
    expect(allowPermissionCheck('geolocation', 'audio', ours, trusted)).toBe(false);
  });

  it('request handler: audio only, media types named, our page only', () => {
    expect(allowPermissionRequest('media', ['audio'], ours, trusted)).toBe(true);
    expect(allowPermissionRequest('media', undefined, ours, trusted)).toBe(false);
    expect(allowPermissionRequest('media', [], ours, trusted)).toBe(false);
    expect(allowPermissionRequest('media', ['audio', 'video'], ours, trusted)).toBe(false);
    expect(allowPermissionRequest('media', ['audio'], 'file:///tmp/other.html', trusted)).toBe(false);
    expect(allowPermissionRequest('notifications', ['audio'], ours, trusted)).toBe(false);
  });

  it('navigation only to our page; never new windows or webviews', () => {
    expect(allowNavigation(ours + '#x', trusted)).toBe(true);
    expect(allowNavigation('https://evil.example/', trusted)).toBe(false);
    expect(allowNewWindow()).toBe(false);
    expect(allowWebviewAttach()).toBe(false);
  });
});

describe('main process wiring', () => {
  it('registers the global web-contents-created guard before any window', () => {
    const main = fs.readFileSync(path.resolve(__dirname, '../../../src/main/index.ts'), 'utf8');
    const guard = main.indexOf('hardenAllContents(isTrustedUrl)');
    expect(guard).toBeGreaterThan(0);
    expect(guard).toBeLessThan(main.indexOf('createMainWindow({'));
    const security = fs.readFileSync(path.resolve(__dirname, '../../../src/main/electron/security.ts'), 'utf8');
    expect(security).toContain("app.on('web-contents-created'");
  });
});

describe('electron-builder fuses', () => {
  it('turns off Node entry points and requires our integrity-checked asar', () => {
    const config = parse(fs.readFileSync(path.resolve(__dirname, '../../../electron-builder.yml'), 'utf8')) as { asar?: boolean; electronFuses?: Record<string, boolean> };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('names only fuses electron-builder knows (a misspelt fuse would not be flipped)', () => {
    const config = parse(fs.readFileSync(path.resolve(__dirname, '../../../electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };
    const scheme = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(known).toContain('runAsNode');
    for (const fuse of Object.keys(config.electronFuses)) expect(known, fuse).toContain(fuse);
  });
});
