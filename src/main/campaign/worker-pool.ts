// Starts the generator workers. In development (tsx) the worker is this folder's worker.ts, loaded
// through tsx's hooks registered inside the worker; in the built
// app it is the bundle entry `campaign-worker.js` next to the main bundle (electron.vite.config.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-protocol';

export function workerEntry(): URL {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) return new URL('./worker.ts', here);
  for (const rel of ['./campaign-worker.js', '../campaign-worker.js']) {
    const u = new URL(rel, here);
    if (fs.existsSync(fileURLToPath(u))) return u;
  }
  throw new Error('campaign worker bundle (campaign-worker.js) not found next to the main bundle');
}

/**
 * A TypeScript entry (development: tsx, Vitest) needs tsx's hooks inside the worker, and Node 20
 * does not carry the main thread's hooks over: a one-line bootstrap registers tsx, then imports it.
 */
function workerScript(entry: URL): { url: URL; workerData: unknown } {
  if (!entry.pathname.endsWith('.ts')) return { url: entry, workerData: null };
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry.href)});`;
  return { url: new URL('data:text/javascript,' + encodeURIComponent(boot)), workerData: null };
}

export interface GeneratorWorker {
  readonly index: number;
  active: number;
  send(m: ToWorker): void;
  /** Resolves when the thread has exited. */
  readonly exited: Promise<void>;
}

export function startWorkers(count: number, onMessage: (m: FromWorker) => void, onError: (e: Error) => void): GeneratorWorker[] {
  const entry = workerEntry();
  const list: GeneratorWorker[] = [];
  for (let index = 0; index < count; index++) {
    const script = workerScript(entry);
    const w = new Worker(script.url, { name: `campaign-generator-${index}`, workerData: script.workerData });
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.on('message', (m: FromWorker) => onMessage(m));
    w.on('error', (e) => onError(e));
    list.push({ index, active: 0, send: (m) => w.postMessage(m), exited });
  }
  return list;
}
