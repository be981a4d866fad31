// `npm run cli -- call` as a script would run it: a real process, a real server, exit codes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { closedPort, okReply, sineWav, startRecorder, tempDir, type Recorder } from './helpers';

const exec = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
let rec: Recorder;
let dir: string;

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'call', ...args], {
      cwd: root,
      env: { ...process.env, PSR_TOKEN: '', ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  rec = await startRecorder(okReply('cli-call'));
  dir = tempDir('psr-cli-');
});
afterAll(async () => {
  await rec.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('cli call', () => {
  it('--base-url with the token from PSR_TOKEN prints the response JSON', async () => {
    const wav = path.join(dir, 'hi.wav');
    fs.writeFileSync(wav, sineWav({ sampleRate: 16000, channels: 1, seconds: 0.3 }));
    const r = await cli(
      ['--base-url', rec.url, '--auth', 'basic', '--url', 'wss://b.example/ws', '--destination', '0901', '--app', 'bot', '--audio-file', wav, '--convert', '--parameter', '{"danh_xung":"anh"}'],
      { PSR_TOKEN: 'cli-token-123456' },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ code: 'OK', data: { call_id: 'cli-call' } });
    const got = rec.requests.at(-1)!;
    expect(got.headers.authorization).toBe('Basic cli-token-123456');
    expect(got.parts.map((p) => p.name)).toEqual(['url', 'destination', 'app', 'channel', 'is_silence', 'audio_file', 'parameter']);
    // --convert: 16 kHz in, 8 kHz out
    expect(got.parts.find((p) => p.name === 'audio_file')!.data!.readUInt32LE(24)).toBe(8000);
  });

  it('exits non-zero with the coded message on failure, and refuses a --token flag', async () => {
    const port = await closedPort();
    const r = await cli(['--base-url', `http://127.0.0.1:${port}`, '--url', '/ws', '--destination', '1', '--extension', '100'], { PSR_TOKEN: 't-123456' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[PSR_CONNECTION_REFUSED\]/);
    expect(r.stdout).toBe('');
    const t = await cli(['--base-url', rec.url, '--token', 'x', '--url', '/ws', '--destination', '1', '--extension', '100']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/PSR_TOKEN/);
    const bad = await cli(['--base-url', rec.url, '--url', '/ws', '--destination', '1'], { PSR_TOKEN: 't-123456' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\[PSR_INVALID_REQUEST\] field 'extension'/);
  });

  it('--profile uses the saved profile and records the call in the history', async () => {
    const services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
    services.profiles.save({ name: 'Lab', baseUrl: rec.url, authScheme: 'bearer', token: 'lab-token-987654' });
    await services.dispose();
    const r = await cli(['--profile', 'Lab', '--data-dir', dir, '--url', 'wss://b.example/ws', '--destination', '0902', '--extension', '101']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim()).data.call_id).toBe('cli-call');
    expect(rec.requests.at(-1)!.headers.authorization).toBe('Bearer lab-token-987654');
    const history = fs.readdirSync(path.join(dir, 'history'));
    expect(history).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'history', history[0]!), 'utf8')).not.toContain('lab-token-987654');
  });
});
