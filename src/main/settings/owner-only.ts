// Folders that hold tokens, settings and call recordings are readable by their owner only.
import fs from 'node:fs';

/** Creates `dir` with mode 0700, or tightens it to 0700 when it exists and belongs to this user. */
export function ownerOnlyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const st = fs.statSync(dir);
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) fs.chmodSync(dir, 0o700);
}
