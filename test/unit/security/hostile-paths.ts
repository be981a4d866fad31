// Paths that can never be a file a user names: a FIFO (opening it waits for a writer), a symlink to
// /dev/zero (never ends), a folder, and a sparse file one byte over `limit` (its size is real, its
// disk use is not). Shared by the user-file tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface HostilePaths {
  fifo: string;
  zeroLink: string;
  folder: string;
  big: string;
}

export function makeHostilePaths(dir: string, limit: number): HostilePaths {
  const p: HostilePaths = { fifo: path.join(dir, 'pipe.pem'), zeroLink: path.join(dir, 'zero.pem'), folder: path.join(dir, 'folder.pem'), big: path.join(dir, 'big.pem') };
  execFileSync('mkfifo', [p.fifo]);
  fs.symlinkSync('/dev/zero', p.zeroLink);
  fs.mkdirSync(p.folder);
  fs.writeFileSync(p.big, '');
  fs.truncateSync(p.big, limit + 1);
  return p;
}
