// Owner-only files: the data folder is 0700, recordings 0600, and the simulator takes its token from
// the environment or a file (a --token flag still works, with a warning, but is visible in `ps`).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WavRecorder } from '../../../src/main/audio/wav-recorder';
import { simToken } from '../../../src/main/cli/commands/sim';
import { silentLogger } from '../../../src/main/logger';
import { downloadRecording } from '../../../src/main/psr/recordings';
import { defaultConnectionOptions } from '../../../src/main/psr/http';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { startRecorder, tempDir } from '../psr/helpers';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
let dir: string;
beforeEach(() => {
  dir = tempDir('psr-modes-');
  fs.chmodSync(dir, 0o755);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('file modes', () => {
  it('the data folder and recordings folder are 0700, settings and tokens 0600', async () => {
    const services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
    await services.dispose();
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'recordings'))).toBe(0o700);
    expect(mode(path.join(dir, 'secrets.json'))).toBe(0o600);
    expect(mode(path.join(dir, 'settings.json'))).toBe(0o600);
  });

  it('a recording is 0600', () => {
    const file = path.join(dir, 'calls', 'x.wav');
    const rec = WavRecorder.create(file, { channels: 1 });
    rec.close();
    expect(mode(file)).toBe(0o600);
  });

  it('a downloaded PSR recording is 0600', async () => {
    const server = await startRecorder((_r, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.end(Buffer.alloc(64));
    });
    try {
      const r = await downloadRecording({ profileName: 'p', baseUrl: server.url, authScheme: 'bearer', token: 'tok-123456789' }, `${server.url}/psr/v1/call/record/a.wav`, path.join(dir, 'psr'), defaultConnectionOptions);
      expect(mode(r.path)).toBe(0o600);
    } finally {
      await server.close();
    }
  });
});

describe('simulator token', () => {
  it('comes from a file or $PSR_SIM_TOKEN; --token warns without echoing the token', () => {
    const warnings: string[] = [];
    const file = path.join(dir, 'token');
    fs.writeFileSync(file, 'file-token-123\n', { mode: 0o600 });
    expect(simToken(file, 'env-token', 'flag-token', (w) => warnings.push(w))).toBe('file-token-123');
    expect(simToken(undefined, 'env-token', undefined, (w) => warnings.push(w))).toBe('env-token');
    expect(warnings).toEqual([]);
    expect(simToken(undefined, undefined, 'flag-token-456', (w) => warnings.push(w))).toBe('flag-token-456');
    expect(warnings.join(' ')).toMatch(/visible to other users in `ps`/);
    expect(warnings.join(' ')).not.toContain('flag-token-456');
    expect(() => simToken(undefined, undefined, undefined, () => {})).toThrow(/PSR_SIM_TOKEN/);
  });

  it('npm run sim with $PSR_SIM_TOKEN starts without the token in argv', async () => {
    const root = path.resolve(__dirname, '../../..');
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'sim', '--port', '0', '--record-dir', dir], {
      cwd: root,
      env: { ...process.env, PSR_SIM_TOKEN: 'env-only-token-789' },
    });
    const ready = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"ready"')) resolve(out);
      });
      child.once('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    expect(ready).toContain('"event":"ready"');
    const argv = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
    expect(argv).not.toContain('env-only-token-789');
    await new Promise<void>((r) => {
      child.once('exit', () => r());
      child.kill('SIGTERM');
    });
  });
});
