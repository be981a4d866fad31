// Runs psr_call.py (Python + websockets, Debian's /usr/bin/python3) from a test: PSR's side of a
// real call against the console's endpoint, or a bot the endpoint taps.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./psr_call.py', import.meta.url));
const python = process.env.PSR_PYTHON ?? '/usr/bin/python3';

export type Runs = { A?: Array<[number, number]>; B?: Array<[number, number]> };

interface PyProcess {
  proc: ChildProcess;
  /** Resolves with the first printed JSON line whose `event` is `name`. */
  waitFor(name: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function run(args: string[]): PyProcess {
  const proc = spawn(python, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const seen: Record<string, unknown>[] = [];
  const waiters: Array<{ name: string; resolve: (v: Record<string, unknown>) => void }> = [];
  readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
    try {
      const ev = JSON.parse(line) as Record<string, unknown>;
      seen.push(ev);
      for (const w of waiters.filter((x) => x.name === ev.event)) w.resolve(ev);
    } catch {
      /* not JSON */
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    exited,
    waitFor: (name) =>
      new Promise((resolve, reject) => {
        const hit = seen.find((e) => e.event === name);
        if (hit) return resolve(hit);
        waiters.push({ name, resolve });
        void exited.then((code) => reject(new Error(`psr_call.py exited (${code}) before "${name}":\n${stderr}`)));
      }),
    stop: async () => {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** PSR streaming a call to `url`: tones on legs A/B where `runs` says, for `durationMs`, then `closed`. */
export function pythonPsrCall(url: string, callId: string, runs: Runs, durationMs: number): PyProcess {
  return run(['psr', url, callId, JSON.stringify(runs), String(durationMs)]);
}

/** A bot answering every call's first frame with one WAV of `seconds` of tone. */
export async function pythonBot(seconds: number): Promise<PyProcess & { url: string }> {
  const p = run(['bot', String(seconds)]);
  const ev = await p.waitFor('listening');
  return { ...p, url: String(ev.url) };
}
