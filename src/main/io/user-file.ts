// Reading a file whose path the user named (a CA bundle, a certificate, a scenario, an audio file).
// The path is stat'ed first, which never blocks: a FIFO, a device, a socket or a folder is refused
// before anything opens it (opening a FIFO waits for a writer; /dev/zero never ends). The file is
// then opened non-blocking, checked again on the open descriptor (the path may have changed since),
// and read up to its size limit, never past it. Failures are UserFileError: each caller turns them
// into its own coded error.
import fs from 'node:fs';

export interface UserFileRule {
  /** The setting or argument that named the path, e.g. 'caFile'; every message starts with it. */
  field: string;
  /** What the file is, for messages: 'PEM file', 'scenario file'. */
  noun: string;
  /** Largest accepted size, in bytes. */
  maxBytes: number;
}

/** unreadable: stat/open/read failed (missing, no permission…); not-regular: a FIFO, device, socket or folder; too-large: over maxBytes. */
export type UserFileProblem = 'unreadable' | 'not-regular' | 'too-large';

/** Reason codes besides the OS ones (ENOENT, EACCES…); a folder is EISDIR. */
export const NOT_REGULAR_FILE = 'NOT_REGULAR_FILE';
export const FILE_TOO_LARGE = 'FILE_TOO_LARGE';

export interface UserFileFailure {
  problem: UserFileProblem;
  field: string;
  path: string;
  /** An OS error code (ENOENT, EACCES…), EISDIR, NOT_REGULAR_FILE or FILE_TOO_LARGE. */
  reason: string;
  /** What the path is instead, for not-regular: 'a named pipe (FIFO)', 'a folder'. */
  found?: string;
  /** The size found and the limit, for too-large. */
  sizeBytes?: number;
  limitBytes?: number;
}

export class UserFileError extends Error {
  readonly problem: UserFileProblem;
  readonly field: string;
  readonly path: string;
  readonly reason: string;
  readonly found: string | null;
  readonly sizeBytes: number | null;
  readonly limitBytes: number | null;
  constructor(message: string, f: UserFileFailure) {
    super(message);
    this.name = 'UserFileError';
    this.problem = f.problem;
    this.field = f.field;
    this.path = f.path;
    this.reason = f.reason;
    this.found = f.found ?? null;
    this.sizeBytes = f.sizeBytes ?? null;
    this.limitBytes = f.limitBytes ?? null;
  }
}

// Non-blocking open: should the path have become a FIFO since the stat, open returns at once.
const OPEN_FLAGS = fs.constants.O_RDONLY | ((fs.constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0);
const MIN_READ = 64 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function check(p: string, st: fs.Stats, rule: UserFileRule): void {
  if (!st.isFile()) {
    const reason = st.isDirectory() ? 'EISDIR' : NOT_REGULAR_FILE;
    const found = kindOf(st);
    throw new UserFileError(`${rule.field}: expected the ${rule.noun} at ${p} to be a regular file; it is ${found}`, { problem: 'not-regular', field: rule.field, path: p, reason, found });
  }
  if (st.size > rule.maxBytes) throw tooLarge(p, st.size, rule);
}

/** `grew`: the file was within the limit when stat'ed and passed it while being read. */
function tooLarge(p: string, size: number, rule: UserFileRule, grew = false): UserFileError {
  // Sizes that round alike (1 MiB and 1 MiB + 1 byte) are given in bytes.
  const [limit, got] = formatBytes(size) === formatBytes(rule.maxBytes) ? [`${rule.maxBytes} bytes`, `${size} bytes`] : [formatBytes(rule.maxBytes), formatBytes(size)];
  const msg = `${rule.field}: expected the ${rule.noun} at ${p} to be at most ${limit}; it is ${grew ? 'larger' : got}`;
  return new UserFileError(msg, { problem: 'too-large', field: rule.field, path: p, reason: FILE_TOO_LARGE, sizeBytes: size, limitBytes: rule.maxBytes });
}

function unreadable(p: string, e: unknown, rule: UserFileRule): UserFileError {
  if (e instanceof UserFileError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code ?? 'unknown';
  const why = e instanceof Error ? e.message : String(e);
  return new UserFileError(`${rule.field}: expected a readable ${rule.noun} at ${p} (${why})`, { problem: 'unreadable', field: rule.field, path: p, reason: code });
}

/** How much to ask for next: the rest of the file as stat'ed, at most one byte past the limit. */
function nextReadSize(statSize: number, total: number, maxBytes: number): number {
  return Math.min(Math.max(statSize + 1 - total, MIN_READ), maxBytes + 1 - total);
}

function joined(chunks: Buffer[], total: number): Buffer {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/**
 * The check made when a path is entered (a setting saved): refuses a path that is there but can never
 * be read as this file — not a regular file, or over rule.maxBytes. Nothing is opened. A path with
 * nothing readable behind it yet (missing, no permission) passes: it is checked again when read.
 */
export async function checkUserFilePath(p: string, rule: UserFileRule): Promise<void> {
  const st = await fs.promises.stat(p).catch(() => null);
  if (st) check(p, st, rule);
}

/** The whole file, when it is a regular file of at most rule.maxBytes; a UserFileError otherwise. */
export async function readUserFile(p: string, rule: UserFileRule): Promise<Buffer> {
  let fh: fs.promises.FileHandle;
  try {
    check(p, await fs.promises.stat(p), rule);
    fh = await fs.promises.open(p, OPEN_FLAGS);
  } catch (e) {
    throw unreadable(p, e, rule);
  }
  try {
    const st = await fh.stat();
    check(p, st, rule);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(nextReadSize(st.size, total, rule.maxBytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return joined(chunks, total);
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > rule.maxBytes) throw tooLarge(p, total, rule, true); // it grew while being read
    }
  } catch (e) {
    throw unreadable(p, e, rule);
  } finally {
    await fh.close().catch(() => {});
  }
}

/** readUserFile for synchronous callers: the same checks, so it never opens a FIFO or reads a device. */
export function readUserFileSync(p: string, rule: UserFileRule): Buffer {
  let fd: number;
  try {
    check(p, fs.statSync(p), rule);
    fd = fs.openSync(p, OPEN_FLAGS);
  } catch (e) {
    throw unreadable(p, e, rule);
  }
  try {
    const st = fs.fstatSync(fd);
    check(p, st, rule);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(nextReadSize(st.size, total, rule.maxBytes));
      const bytesRead = fs.readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) return joined(chunks, total);
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > rule.maxBytes) throw tooLarge(p, total, rule, true);
    }
  } catch (e) {
    throw unreadable(p, e, rule);
  } finally {
    fs.closeSync(fd);
  }
}
