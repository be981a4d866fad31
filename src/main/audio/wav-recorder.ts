// Streaming WAV writer for call recordings (endpoint and simulator).
// Audio is appended to the file as it arrives; only the not-yet-flushed tail (about one second)
// lives in memory: it is written when a second of audio is pending, or when its oldest byte has
// waited a second (the process's flush clock), so a crash loses at most about a second of audio.
// The 44-byte header is rewritten with the sizes of the data on disk every few seconds while audio
// streams in (a header write per data write doubled the endpoint's file operations), with every
// write of audio that trickled or stopped, and on every explicit flush and on close. After a crash
// the sizes may lag the data by those seconds: repairWav() (run when the endpoint starts)
// recomputes them from the file length.
// Memory is reused: two pending buffers take turns (one fills while the other is on its way to
// the disk) and the header has its own buffer. Hundreds of calls each dropping a fresh 32–250 KB
// buffer per flush made V8 run a full mark-compact every few hundred ms (external memory pressure),
// and those pauses showed up as late frames in the simulator and as CPU in the endpoint.
import fs from 'node:fs';
import path from 'node:path';
import { TwinBuffers } from '../io/twin-buffers';
import { watchFlushes } from '../io/flush-clock';

function writeAt(fd: number, buf: Uint8Array, len: number, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = 0;
    const step = (): void => {
      fs.write(fd, buf, done, len - done, position + done, (err, n) => {
        if (err) return reject(err);
        done += n;
        if (done < len) step();
        else resolve();
      });
    };
    step();
  });
}

export const WAV_HEADER_BYTES = 44;

export interface WavRecorderOptions {
  channels: number;
  sampleRate?: number;
  /** Flush when this many bytes are pending. Default: one second of audio. */
  flushBytes?: number;
  /** Pending audio waits at most about this long (ms) before it is written. Default 1000. 0: only size and explicit flushes. */
  flushIntervalMs?: number;
  /** While the call goes on, the header is rewritten at most this often (ms). Default 5000 (0 without the flush clock). */
  headerIntervalMs?: number;
}

export function wavHeader(channels: number, sampleRate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  const blockAlign = channels * 2;
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * blockAlign, 28);
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

export class WavRecorder {
  readonly channels: number;
  readonly sampleRate: number;
  private readonly fd: number;
  private readonly pending: TwinBuffers;
  /** Reused for every header write; writes are serialised by `chain`, so one buffer is enough. */
  private readonly header = Buffer.alloc(WAV_HEADER_BYTES);
  private dataOnDisk = 0;
  private chain: Promise<void> = Promise.resolve();
  private unwatch: (() => void) | null = null;
  /** When the oldest pending byte arrived (performance.now()), or -1 with nothing pending. */
  private pendingSince = -1;
  private headerWrittenAt: number;
  /** Audio bytes handed to the disk so far, and how many of them the last header queued covers. */
  private queuedBytes = 0;
  private headerCovers = 0;
  private readonly headerIntervalMs: number;
  private closed = false;
  private failure: Error | null = null;
  private readonly flushBytes: number;

  private constructor(
    readonly filePath: string,
    fd: number,
    opts: WavRecorderOptions,
  ) {
    this.fd = fd;
    this.channels = opts.channels;
    this.sampleRate = opts.sampleRate ?? 8000;
    const second = this.sampleRate * this.channels * 2;
    this.flushBytes = opts.flushBytes ?? second;
    // Room for one flush's worth plus a typical frame past the threshold; a huge flushBytes (tests,
    // "never flush by size") starts small and grows on demand.
    const capacity = Math.min(this.flushBytes, 1 << 20) + 4096;
    this.pending = new TwinBuffers(capacity);
    wavHeader(this.channels, this.sampleRate, 0).copy(this.header);
    const interval = opts.flushIntervalMs ?? 1000;
    // Without the flush clock nothing would bring a lagging header up to date between size flushes:
    // then every write carries its header.
    this.headerIntervalMs = opts.headerIntervalMs ?? (interval > 0 ? 5000 : 0);
    this.headerWrittenAt = performance.now();
    if (interval > 0) {
      this.unwatch = watchFlushes({
        tick: (now) => {
          // Audio that trickles (or stopped) is written with its header; a header that lags the
          // data written by size flushes catches up once it is due.
          const waited = this.pendingSince >= 0 && now - this.pendingSince >= interval;
          const headerDue = this.headerCovers !== this.queuedBytes && now - this.headerWrittenAt >= this.headerIntervalMs;
          if (waited || headerDue) void this.write0(true).catch(() => {});
        },
      });
    }
  }

  /**
   * Creates (truncates) the file and writes a header for zero bytes of audio. Synchronous on
   * purpose: a call's first frames must have somewhere to go the moment its layout is known.
   */
  static create(filePath: string, opts: WavRecorderOptions): WavRecorder {
    if (opts.channels !== 1 && opts.channels !== 2) throw new Error('WavRecorder: 1 or 2 channels');
    fs.mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
    // Recordings are evidence of real calls: readable by their owner only.
    const fd = fs.openSync(filePath, 'w+', 0o600);
    fs.writeSync(fd, wavHeader(opts.channels, opts.sampleRate ?? 8000, 0), 0, WAV_HEADER_BYTES, 0);
    return new WavRecorder(filePath, fd, opts);
  }

  /** Bytes of audio accepted so far (on disk or pending). */
  get dataBytes(): number {
    return this.dataOnDisk + this.pending.length;
  }

  /** Bytes of audio written to the file (its header says so after the next explicit flush, or within headerIntervalMs). */
  get flushedBytes(): number {
    return this.dataOnDisk;
  }

  /** The first write failure (disk full…), if any; later writes are dropped. */
  get error(): Error | null {
    return this.failure;
  }

  /** Append little-endian PCM bytes (whole sample frames). Copies; the caller may reuse its buffer. */
  write(bytes: Uint8Array): void {
    if (this.closed || this.failure || bytes.length === 0) return;
    const p = this.pending;
    if (p.length + bytes.length > p.current.length) {
      // A burst larger than the buffer: grow (the spare is dropped and regrown to match on its return).
      const grown = Buffer.allocUnsafe(Math.max(p.current.length * 2, p.length + bytes.length));
      p.current.copy(grown, 0, 0, p.length);
      p.current = grown;
    }
    if (p.length === 0) this.pendingSince = performance.now();
    p.current.set(bytes, p.length);
    p.length += bytes.length;
    if (p.length >= this.flushBytes) void this.write0(false).catch(() => {});
  }

  /** Write what is pending, then the header. Resolves when both are on disk (page cache). */
  flush(): Promise<void> {
    return this.write0(true);
  }

  /** Write what is pending; the header too when asked or when it is due. */
  private write0(header: boolean): Promise<void> {
    if (this.failure) return this.chain;
    const len = this.pending.length;
    const chunk = len > 0 ? this.pending.take() : null;
    this.pendingSince = -1;
    this.queuedBytes += len;
    // Decided now, not when the write's turn comes: a clock tick while the disk is slow must not queue another.
    const now = performance.now();
    const withHeader = this.headerCovers !== this.queuedBytes && (header || now - this.headerWrittenAt >= this.headerIntervalMs);
    if (withHeader) {
      this.headerWrittenAt = now;
      this.headerCovers = this.queuedBytes;
    }
    if (chunk === null && !withHeader) return this.chain;
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        if (chunk !== null) {
          await writeAt(this.fd, chunk, len, WAV_HEADER_BYTES + this.dataOnDisk);
          this.dataOnDisk += len;
        }
        if (withHeader) {
          this.header.writeUInt32LE(36 + this.dataOnDisk, 4);
          this.header.writeUInt32LE(this.dataOnDisk, 40);
          // Off the event loop like the data: a synchronous write, short as it is, waits for the
          // disk when the kernel is writing that page back (seconds under heavy I/O), and every
          // call on the endpoint would wait with it.
          await writeAt(this.fd, this.header, WAV_HEADER_BYTES, 0);
        }
      } catch (e) {
        this.failure = e instanceof Error ? e : new Error(String(e));
      } finally {
        if (chunk !== null) this.pending.giveBack(chunk);
      }
    });
    return this.chain;
  }

  /** Resolves when the writes started so far are done (starts none). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Flush and close. Safe to call twice. */
  async close(): Promise<void> {
    this.unwatch?.();
    this.unwatch = null;
    if (this.closed) return this.chain;
    await this.flush();
    this.closed = true;
    this.chain = this.chain.then(() => new Promise<void>((resolve) => fs.close(this.fd, () => resolve())));
    await this.chain;
  }
}

/**
 * Make a WAV file's RIFF and data sizes match what is on disk (after a crash between a data write
 * and its header update). Only touches files with our 44-byte PCM header. Returns true if changed.
 */
export function repairWav(filePath: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(filePath, 'r+');
    const size = fs.fstatSync(fd).size;
    if (size < WAV_HEADER_BYTES) return false;
    const h = Buffer.alloc(WAV_HEADER_BYTES);
    fs.readSync(fd, h, 0, WAV_HEADER_BYTES, 0);
    if (h.toString('ascii', 0, 4) !== 'RIFF' || h.toString('ascii', 8, 12) !== 'WAVE') return false;
    if (h.toString('ascii', 12, 16) !== 'fmt ' || h.readUInt32LE(16) !== 16 || h.toString('ascii', 36, 40) !== 'data') return false;
    const blockAlign = h.readUInt16LE(32) || 1;
    let data = size - WAV_HEADER_BYTES;
    data -= data % blockAlign;
    if (h.readUInt32LE(40) === data && h.readUInt32LE(4) === 36 + data) return false;
    h.writeUInt32LE(36 + data, 4);
    h.writeUInt32LE(data, 40);
    fs.writeSync(fd, h, 0, WAV_HEADER_BYTES, 0);
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Repair every top-level `.wav` in a folder; returns the names repaired. */
export function repairWavsIn(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.wav') && repairWav(path.join(dir, n)));
}

/**
 * Milliseconds of audio a WAV with our 44-byte PCM header holds, from the file's length (not the
 * header's sizes, which may lag after a crash); null for any other file or a header with no rate or
 * block size.
 */
export async function wavAudioMs(filePath: string): Promise<number | null> {
  try {
    const fh = await fs.promises.open(filePath, 'r');
    try {
      const size = (await fh.stat()).size;
      const h = Buffer.alloc(WAV_HEADER_BYTES);
      if ((await fh.read(h, 0, WAV_HEADER_BYTES, 0)).bytesRead < WAV_HEADER_BYTES) return null;
      if (h.toString('ascii', 0, 4) !== 'RIFF' || h.toString('ascii', 8, 12) !== 'WAVE' || h.toString('ascii', 12, 16) !== 'fmt ' || h.toString('ascii', 36, 40) !== 'data') return null;
      const sampleRate = h.readUInt32LE(24);
      const blockAlign = h.readUInt16LE(32);
      if (sampleRate === 0 || blockAlign === 0) return null;
      const frames = Math.floor((size - WAV_HEADER_BYTES) / blockAlign);
      return (frames * 1000) / sampleRate;
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
}
