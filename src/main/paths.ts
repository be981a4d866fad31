// Default folders for web/CLI mode (the desktop app uses Electron's userData instead).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder, found from this file whether run from src/ (tsx) or out/ (bundled). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'resources'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PSR_CONSOLE_DATA_DIR) return path.resolve(env.PSR_CONSOLE_DATA_DIR);
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'psr-console');
}

export function readVersion(root = projectRoot()): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
