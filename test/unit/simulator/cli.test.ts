// `npm run sim`: ready line, one line per call start and end, recordings finalised on SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { expect, it } from 'vitest';
import { decodeWav } from '../../../src/main/audio/wav';
import { createStream, startTestBot, tempDir } from './sim-fixtures';

const root = path.resolve(__dirname, '../../..');

it('prints ready, call-start and call-end lines and finalises recordings on SIGTERM', async () => {
  const dir = tempDir();
  const bot = await startTestBot();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'sim', '--port', '0', '--token', 'cli-token-77', '--record-dir', dir, '--leg-b', 'script', '--max-call-seconds', '60'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (text) => {
    const l = JSON.parse(text) as Record<string, unknown>;
    lines.push(l);
    for (const w of [...waiters]) {
      if (!w.pred(l)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const next = (pred: (l: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const hit = lines.find(pred);
      if (hit) return resolve(hit);
      waiters.push({ pred, resolve });
      child.once('exit', () => reject(new Error(`sim exited early: ${stderr.slice(-500)}`)));
    });
  try {
    const ready = await next((l) => l.event === 'ready');
    const baseUrl = ready.baseUrl as string;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, body } = await createStream(baseUrl, { url: bot.url, destination: '0900', app: 'bot', is_silence: 'true' }, { auth: 'Bearer cli-token-77' });
    expect(status).toBe(200);
    const id = body.data!.call_id;
    expect(await next((l) => l.event === 'call-start')).toMatchObject({ callId: id, app: 'bot', legB: 'script' });
    const conn = await bot.nextConnection();
    await conn.waitFor((_m, all) => all.length > 10);
    expect(stderr).not.toContain('cli-token-77');
    child.kill('SIGTERM');
    expect(await next((l) => l.event === 'call-end')).toMatchObject({ callId: id, reason: 'stopped' });
    await next((l) => l.event === 'stopped');
    const code = await new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c))));
    expect(code).toBe(0);
    expect((await conn.closed).code).toBe(1000);
    expect(conn.messages.at(-1)!.event).toBe('closed');
    const full = decodeWav(new Uint8Array(fs.readFileSync(path.join(dir, `full_${id}.wav`))));
    expect(full.channels).toBe(2);
    expect(full.samples[0]!.length).toBeGreaterThan(1000);
    // The header was patched: its data size matches the file.
    const bytes = fs.readFileSync(path.join(dir, `${id}.wav`));
    expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await bot.close();
  }
}, 30_000);
