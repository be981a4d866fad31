// Network impairments a campaign can put between the generator and the bot, per call:
//   drop   — a media event is never sent (PSR lost it);
//   jitter — each event leaves up to J ms late, never overtaking the one before (late and bunched);
//   burst  — every `everyMs`, hold the events of `holdMs` and send them all at once.
// Held events are copies (the frame buffer is reused); at most MAX_HELD per call, then they go out.

export interface Impairments {
  jitterMs: number;
  /** 0–100. */
  dropPct: number;
  burst: { everyMs: number; holdMs: number } | null;
}

export const NO_IMPAIRMENTS: Impairments = { jitterMs: 0, dropPct: 0, burst: null };
export const MAX_HELD = 250; // 5 s of frames

export function hasImpairments(i: Impairments): boolean {
  return i.jitterMs > 0 || i.dropPct > 0 || i.burst !== null;
}

export interface ImpairmentCounts {
  dropped: number;
  delayed: number;
  /** Longest time a frame was held back, ms. */
  maxHeldMs: number;
}

interface Held {
  buf: Buffer;
  due: number;
  releaseAt: number;
}

export class ImpairedSender {
  readonly counts: ImpairmentCounts = { dropped: 0, delayed: 0, maxHeldMs: 0 };
  private readonly held: Held[] = [];
  private lastRelease = 0;

  constructor(
    private readonly imp: Impairments,
    private readonly startedAt: number,
    private readonly send: (buf: Buffer) => void,
    private readonly random: () => number = Math.random,
  ) {}

  /** Offer this tick's frame (due at `due`); sends what is due at `now`, including held frames. */
  offer(buf: Buffer, due: number, now: number): void {
    const imp = this.imp;
    if (imp.dropPct > 0 && this.random() * 100 < imp.dropPct) {
      this.counts.dropped++;
      this.release(now);
      return;
    }
    let releaseAt = due;
    if (imp.burst) {
      const phase = (due - this.startedAt) % imp.burst.everyMs;
      if (phase < imp.burst.holdMs) releaseAt = due - phase + imp.burst.holdMs;
    }
    if (imp.jitterMs > 0) releaseAt += this.random() * imp.jitterMs;
    releaseAt = Math.max(releaseAt, this.lastRelease);
    this.lastRelease = releaseAt;
    if (this.held.length === 0 && releaseAt <= now) {
      this.send(buf);
      return;
    }
    this.counts.delayed++;
    if (this.held.length >= MAX_HELD) this.sendHeld(this.held.shift()!, now);
    this.held.push({ buf: Buffer.from(buf), due, releaseAt });
    this.release(now);
  }

  /** Send every held frame whose time has come. */
  release(now: number): void {
    while (this.held.length > 0 && this.held[0]!.releaseAt <= now) this.sendHeld(this.held.shift()!, now);
  }

  /** At the end of the call: what is still held goes out now (before `closed`). */
  flush(now: number): void {
    while (this.held.length > 0) this.sendHeld(this.held.shift()!, now);
  }

  get heldCount(): number {
    return this.held.length;
  }

  private sendHeld(h: Held, now: number): void {
    const late = now - h.due;
    if (late > this.counts.maxHeldMs) this.counts.maxHeldMs = late;
    this.send(h.buf);
  }
}
