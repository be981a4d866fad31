// Appends JSON lines to a file in batches (a call logs ~50 media frames a second; one write per
// line would cost a syscall each). Lines are written at least once a second and on close, so a
// crash loses at most the last second, like the recording.
import fs from 'node:fs';
import path from 'node:path';

export class JsonlWriter {
  private readonly fd: number;
  private lines: string[] = [];
  private pendingChars = 0;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null;
  private closed = false;

  constructor(
    readonly filePath: string,
    private readonly maxPendingChars = 64 * 1024,
    flushIntervalMs = 1000,
  ) {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.fd = fs.openSync(filePath, 'a');
    this.timer = flushIntervalMs > 0 ? setInterval(() => void this.flush(), flushIntervalMs) : null;
    this.timer?.unref();
  }

  write(obj: unknown): void {
    if (this.closed) return;
    const line = JSON.stringify(obj);
    this.lines.push(line);
    this.pendingChars += line.length + 1;
    if (this.pendingChars >= this.maxPendingChars) void this.flush();
  }

  flush(): Promise<void> {
    if (this.lines.length > 0) {
      const text = this.lines.join('\n') + '\n';
      this.lines = [];
      this.pendingChars = 0;
      this.chain = this.chain.then(
        () =>
          new Promise<void>((resolve) => {
            // A failing log write must not take the call down; the recording matters more.
            fs.write(this.fd, text, null, 'utf8', () => resolve());
          }),
      );
    }
    return this.chain;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.closed) return this.chain;
    await this.flush();
    this.closed = true;
    this.chain = this.chain.then(() => new Promise<void>((resolve) => fs.close(this.fd, () => resolve())));
    await this.chain;
  }
}
