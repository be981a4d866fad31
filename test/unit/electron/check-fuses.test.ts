// scripts/check-fuses.mjs (run in CI after electron-builder) reads the fuse wire of a packaged binary and
// compares it with electron-builder.yml. Here the binary is a stand-in file holding Electron's fuse
// sentinel and a wire with Electron's default states, flipped by @electron/fuses exactly as
// electron-builder flips the real one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fuses from '@electron/fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 49;
const OFF = 48;

/** A file with Electron's fuse wire (version 1, eight fuses) in its default states, between other bytes. */
function standInBinary(dir: string): string {
  const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON]; // RunAsNode on, NODE_OPTIONS on, --inspect on, no asar checks
  const file = path.join(dir, 'electron-stand-in');
  fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, defaults.length, ...defaults]), Buffer.alloc(4096, 9)]));
  return file;
}

function check(file: string) {
  return spawnSync(process.execPath, ['scripts/check-fuses.mjs', file], { encoding: 'utf8' });
}

describe('check-fuses', () => {
  it('fails on a binary with Electron default fuses, naming each one that differs from electron-builder.yml', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
    const r = check(standInBinary(dir));
    expect(r.status).toBe(1);
    for (const name of ['runAsNode', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'enableCookieEncryption']) {
      expect(r.stdout).toContain(`FAIL ${name}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes once the fuses are flipped as electron-builder.yml asks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
    const file = standInBinary(dir);
    const { FuseV1Options, FuseVersion, flipFuses } = fuses;
    await flipFuses(file, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
    const r = check(file);
    expect(r.stdout).not.toContain('FAIL');
    expect(r.status).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
