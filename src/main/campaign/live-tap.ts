// The live view's tap on one campaign call, inside its worker: while the call is watched, each
// frame's leg levels and audio (to listen to), the bot's actions, each turn and the end are posted
// to the main thread as LiveNotes (one small message per 20 ms frame). Nothing is kept: memory
// stays one call's worth.
import { toDbfs } from '../../shared/audio/levels';
import type { Channel } from './pre-encoded';
import type { LiveNote } from './worker-protocol';

const SAMPLES = 160;

function levels(x: Int16Array): { rms: number; peak: number } {
  let sum = 0;
  let peak = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const v = x[i]!;
    sum += v * v;
    const m = v < 0 ? -v : v;
    if (m > peak) peak = m;
  }
  return { rms: toDbfs(Math.sqrt(sum / SAMPLES) / 32768), peak: toDbfs(peak / 32768) };
}

/** -Infinity does not survive JSON (the web bridge): silence reads as -120 dBFS. */
function finite(db: number): number {
  return Number.isFinite(db) ? Math.max(-120, Math.round(db * 10) / 10) : -120;
}

/** The legs PSR streams in this layout, interleaved (A then B), as 16-bit LE bytes. */
function interleave(channel: Channel, a: Int16Array, b: Int16Array): Uint8Array<ArrayBuffer> {
  if (channel !== 'stereo') return new Uint8Array((channel === 'mono_a' ? a : b).slice(0, SAMPLES).buffer);
  const out = new Int16Array(SAMPLES * 2);
  for (let i = 0; i < SAMPLES; i++) {
    out[2 * i] = a[i]!;
    out[2 * i + 1] = b[i]!;
  }
  return new Uint8Array(out.buffer);
}

export class LiveTap {
  private channel: Channel = 'stereo';

  constructor(private readonly post: (note: LiveNote) => void) {}

  started(callId: string, startedAt: number, query: Record<string, string>, channel: Channel): void {
    this.channel = channel;
    this.post({ kind: 'started', callId, startedAt, query, channel });
  }

  frame(t: number, a: Int16Array, b: Int16Array): void {
    const la = levels(a);
    const lb = levels(b);
    this.post({ kind: 'frame', t, aRms: finite(la.rms), aPeak: finite(la.peak), bRms: finite(lb.rms), bPeak: finite(lb.peak), pcm: interleave(this.channel, a, b) });
  }

  /** `bytes`: the size of the bot's message that carried the action. */
  action(t: number, action: 'media' | 'chunk' | 'transfer' | 'hangup', detail: string, bytes: number): void {
    this.post({ kind: 'action', t, at: Date.now(), action, detail, bytes });
  }

  turn(t: number, latencyMs: number): void {
    this.post({ kind: 'turn', t, at: Date.now(), latencyMs });
  }

  ended(reason: string, frames: number): void {
    this.post({ kind: 'ended', at: Date.now(), reason, frames });
  }
}
