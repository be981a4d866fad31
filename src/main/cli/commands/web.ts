// `npm run web`: the console in a browser. Builds the renderer if it is missing or stale,
// starts the same services as the desktop app, and serves them on 127.0.0.1 with a per-run secret.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, defaultDataDir } from '../../paths';
import { startBridgeServer } from '../../web/bridge-server';
import { createNodeAppServices } from '../../web/node-services';
import { parseCliArgs, parsePortFlag, type CliCommand } from '../command';

/** How long a stop may take before web mode reports what it waits for and exits. */
const SHUTDOWN_LIMIT_MS = 10_000;

const usage = `Usage: npm run web -- [options]

Runs PSR Console in your browser: serves the UI on http://127.0.0.1:<port> and prints the URL
with a secret that changes every run, in the fragment (#secret=…, never sent over HTTP). The page
presents it when it opens the bridge; no other page, port or Host gets in.

Options:
  --port N            port to listen on (default 5174; 0 picks a free one)
  --data-dir DIR      settings, tokens, history (default $PSR_CONSOLE_DATA_DIR or ~/.local/share/psr-console)
  --recordings-dir D  where calls are recorded (default <data-dir>/recordings)
  --no-build          do not rebuild the UI even if sources are newer
  -h, --help          this text

Prints {"event":"ready","url":...} on stdout when ready. Stop with Ctrl+C.`;

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(root: string): boolean {
  const index = path.join(root, 'out', 'renderer', 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return newestMtime(path.join(root, 'src', 'renderer')) > built || newestMtime(path.join(root, 'src', 'shared')) > built;
}

export const webCommand: CliCommand = {
  name: 'web',
  summary: 'run the console in a browser (loopback only, per-run secret)',
  usage,
  async run(argv, io) {
    const values = parseCliArgs(argv, {
        port: { type: 'string', default: '5174' },
        'data-dir': { type: 'string' },
        'recordings-dir': { type: 'string' },
        'no-build': { type: 'boolean', default: false },
      });
    const port = parsePortFlag(values.port);
    const root = projectRoot();
    if (!values['no-build'] && rendererIsStale(root)) {
      io.err('Building the UI (electron-vite build)…');
      const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] }); // stdout stays JSON-only
      if (r.status !== 0) {
        io.err('web: the UI build failed (see above)');
        return 1;
      }
    }
    const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir(io.env));
    const services = createNodeAppServices({ dataDir, recordingsDir: values['recordings-dir'] ? path.resolve(values['recordings-dir']) : undefined });
    const secret = randomBytes(24).toString('base64url');
    let server;
    try {
      server = await startBridgeServer({
        rendererDir: path.join(root, 'out', 'renderer'),
        dispatcher: services.dispatcher,
        events: services.events,
        logger: services.ctx.logger,
        secret,
        port,
      });
    } catch (e) {
      await services.dispose();
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        io.err(`web: port ${port} on 127.0.0.1 is already in use; pick another with --port N (0 = any free port)`);
        return 1;
      }
      throw e;
    }
    io.out({ event: 'ready', url: server.url, origin: server.origin, port: server.port, dataDir, recordingsDir: services.ctx.recordingsDir });
    io.err(`PSR Console is running. Open this URL in your browser (its #secret part is this run's secret; do not share it):\n  ${server.url}`);
    await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
    // A stop that cannot finish is reported and ends anyway: recordings are valid after every flush.
    const step = { name: 'bridge' };
    const stopped = (async () => {
      await server.close();
      step.name = 'services';
      await services.dispose();
    })();
    const timedOut = await Promise.race([
      stopped.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), SHUTDOWN_LIMIT_MS).unref()),
    ]);
    if (timedOut) {
      io.err(`web: stopping took over ${SHUTDOWN_LIMIT_MS / 1000} s (waiting for: ${step.name}); exiting anyway`);
      return 1;
    }
    io.out({ event: 'stopped' });
    return 0;
  },
};
