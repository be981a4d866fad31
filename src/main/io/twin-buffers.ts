// Two write buffers that take turns: one fills while the other is on its way to disk, so a steady
// writer allocates nothing after start-up (a fresh buffer per flush made V8 collect far more often).

export class TwinBuffers {
  /** The buffer being filled; `length` bytes of it are in use. Callers may replace it to grow it. */
  current: Buffer;
  length = 0;
  /** The other buffer, back from the disk and free to refill (null while it is being written). */
  private spare: Buffer | null;

  constructor(capacity: number) {
    this.current = Buffer.allocUnsafe(capacity);
    this.spare = Buffer.allocUnsafe(capacity);
  }

  /** Hand the filled buffer over for writing (read `length` first); filling goes on in the other one. */
  take(): Buffer {
    const chunk = this.current;
    // Allocate only if the previous write still holds the spare (the disk is slower than the flushes).
    this.current = this.spare !== null && this.spare.length >= chunk.length ? this.spare : Buffer.allocUnsafe(chunk.length);
    this.spare = null;
    this.length = 0;
    return chunk;
  }

  /** A taken buffer, once written, becomes the spare. */
  giveBack(chunk: Buffer): void {
    if (this.spare === null || this.spare.length < chunk.length) this.spare = chunk;
  }
}
