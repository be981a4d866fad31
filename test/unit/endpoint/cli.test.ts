// The endpoint CLI as a child process: SIGKILL mid-call leaves a readable WAV holding the audio up
// to the last flush; SIGTERM finalises the call and exits 0 after printing its end line.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesOf, psrClient, readWav, sine, tempDir } from './helpers';

const root = path.resolve(__dirname, '../../..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startCli(dir: string) {
  // node --import tsx keeps one process, so the signal reaches the endpoint itself (the tsx CLI would fork).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'endpoint', '--port', '0', '--record-dir', path.join(dir, 'rec'), '--data-dir', dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PSR_LOG_LEVEL: 'warn' },
  });
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  readline.createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(JSON.parse(l) as Record<string, unknown>);
    for (const w of waiters) w();
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  function waitLine(event: string): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = lines.find((l) => l.event === event);
        if (hit) {
          waiters.delete(check);
          resolve(hit);
        }
        return !!hit;
      };
      if (check()) return;
      waiters.add(check);
      void exited.then(() => reject(new Error(`CLI exited before printing ${event}`)));
    });
  }
  return { child, lines, waitLine, exited };
}

/** Wait until the WAV header on disk says at least `bytes` of audio (bounded). */
async function waitFlushed(file: string, bytes: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file)) {
      const h = Buffer.alloc(44);
      const fd = fs.openSync(file, 'r');
      const n = fs.readSync(fd, h, 0, 44, 0);
      fs.closeSync(fd);
      if (n === 44 && h.readUInt32LE(40) >= bytes) return h.readUInt32LE(40);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${file} never reached ${bytes} bytes`);
}

describe('endpoint CLI', () => {
  it('leaves a readable WAV holding the audio up to the last flush when SIGKILLed mid-call', async () => {
    const dir = tempDir();
    const cli = startCli(dir);
    const ready = await cli.waitLine('ready');
    expect(ready.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/server\/ws$/);
    const c = await psrClient(String(ready.url), { call_id: 'kill-1', tenant: 't' });
    await c.connected('mono_a');
    expect(await cli.waitLine('call-start')).toMatchObject({ callId: 'kill-1', channel: 'mono_a' });
    const s = sine(440, 3, 0.5);
    // 1.5 s: the recorder flushes once a second of audio is pending.
    await c.media(bytesOf(s.subarray(0, 12000)), 'mono_a');
    const flushed = await waitFlushed(path.join(dir, 'rec', 'kill-1.wav'), 16000);
    cli.child.kill('SIGKILL');
    expect((await cli.exited).signal).toBe('SIGKILL');
    const wav = readWav(path.join(dir, 'rec', 'kill-1.wav'));
    expect(wav.dataBytes).toBeGreaterThanOrEqual(flushed);
    expect(wav.samples[0]!.length).toBeGreaterThanOrEqual(8000);
    expect(wav.samples[0]).toEqual(s.subarray(0, wav.samples[0]!.length));
  });

  it('finalises recordings and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    const cli = startCli(dir);
    const ready = await cli.waitLine('ready');
    const c = await psrClient(String(ready.url), { call_id: 'term-1' });
    await c.connected('mono_b');
    const s = sine(300, 0.7, 0.5);
    await c.media(bytesOf(s), 'mono_b');
    await cli.waitLine('call-start');
    // The frame was sent before SIGTERM; wait until the endpoint has taken it (its header or its log).
    await waitEventsLine(path.join(dir, 'rec', 'term-1.events.jsonl'), '"type":"media"');
    cli.child.kill('SIGTERM');
    const end = await cli.waitLine('call-end');
    expect(end).toMatchObject({ callId: 'term-1', reason: 'stopped' });
    expect((end.stats as { audioSeconds: number }).audioSeconds).toBeCloseTo(0.7, 6);
    expect((await cli.exited).code).toBe(0);
    expect(readWav(path.join(dir, 'rec', 'term-1.wav')).samples[0]).toEqual(s);
    expect(cli.lines.at(-1)).toEqual({ event: 'stopped' });
  });
});

/** The endpoint writes its event log at least once a second: wait (bounded) for a line to appear. */
async function waitEventsLine(file: string, needle: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(needle)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${needle} never appeared in ${file}`);
}
