// Streams a 16-bit PCM WAV to disk while the call runs; the header gets its sizes when finished.
// Writes are buffered (about a second per write) so hundreds of calls cost few syscalls.
import fs from 'node:fs';
import { writeWavHeader } from '../audio/wav';

export class RecordingWriter {
  private readonly stream: fs.WriteStream;
  private buf: Buffer;
  private used = 0;
  private dataBytes = 0;
  private finished: Promise<void> | null = null;

  constructor(
    readonly path: string,
    private readonly channels: number,
    private readonly sampleRate = 8000,
  ) {
    this.stream = fs.createWriteStream(path);
    this.stream.on('error', () => {}); // surfaced by finish()
    const header = Buffer.alloc(44);
    writeWavHeader(new DataView(header.buffer, header.byteOffset, 44), channels, sampleRate, 0);
    this.stream.write(header);
    this.buf = Buffer.alloc(sampleRate * channels * 2);
  }

  /** Append interleaved frames (Int16, `channels` per frame). */
  write(samples: Int16Array): void {
    if (this.finished) return;
    for (let i = 0; i < samples.length; i++) {
      if (this.used + 2 > this.buf.length) this.flush();
      this.buf.writeInt16LE(samples[i]!, this.used);
      this.used += 2;
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    this.stream.write(this.buf.subarray(0, this.used));
    this.dataBytes += this.used;
    this.buf = Buffer.alloc(this.buf.length);
    this.used = 0;
  }

  /** Flush, close and patch the header's sizes. Idempotent. */
  finish(): Promise<void> {
    if (this.finished) return this.finished;
    this.flush();
    this.finished = new Promise<void>((resolve, reject) => {
      this.stream.end(() => {
        try {
          const header = Buffer.alloc(44);
          writeWavHeader(new DataView(header.buffer, header.byteOffset, 44), this.channels, this.sampleRate, this.dataBytes);
          const fd = fs.openSync(this.path, 'r+');
          try {
            fs.writeSync(fd, header, 0, 44, 0);
          } finally {
            fs.closeSync(fd);
          }
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
    return this.finished;
  }
}
