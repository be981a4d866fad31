// Leg B, the person called: silence, a script of lines spoken when the bot stops talking, or the
// user's microphone (8 kHz frames pushed from the renderer).
import { EnergyVad } from '../../shared/audio/vad';
import { toDbfs } from '../../shared/audio/levels';

export type LegBMode = 'mic' | 'script' | 'silence';

export interface LegBSource {
  readonly mode: LegBMode;
  /** Fill `out` with the next 20 ms of leg B; `legA` is the same 20 ms of leg A (for turn-taking). */
  pull(out: Int16Array, legA: Int16Array): void;
  /** Lines spoken so far (script), for logs. */
  readonly linesSpoken?: number;
}

export class SilenceLegB implements LegBSource {
  readonly mode = 'silence' as const;
  pull(out: Int16Array): void {
    out.fill(0);
  }
}

function rmsDbfs(frame: Int16Array): number {
  let s = 0;
  for (let i = 0; i < frame.length; i++) s += frame[i]! * frame[i]!;
  return toDbfs(Math.sqrt(s / Math.max(1, frame.length)) / 32768);
}

/**
 * Speaks the next line once the bot (leg A) has talked and then stopped (energy VAD, 400 ms hangover),
 * or after `openingSilenceMs` of a silent bot (a caller says "hello?" to a mute line).
 */
export class ScriptLegB implements LegBSource {
  readonly mode = 'script' as const;
  private readonly vad = new EnergyVad({ hangoverWindows: 20 });
  private line: Int16Array | null = null;
  private pos = 0;
  private next = 0;
  private quietMs = 0;
  private botSpokeSinceLastLine = false;
  linesSpoken = 0;

  constructor(
    private readonly lines: Int16Array[],
    private readonly openingSilenceMs = 4000,
  ) {}

  pull(out: Int16Array, legA: Int16Array): void {
    const changed = this.vad.update(rmsDbfs(legA));
    if (this.vad.speaking) {
      this.botSpokeSinceLastLine = true;
      this.quietMs = 0;
    } else this.quietMs += 20;
    const botJustStopped = changed && !this.vad.speaking && this.botSpokeSinceLastLine;
    const opening = this.linesSpoken === 0 && !this.botSpokeSinceLastLine && this.quietMs >= this.openingSilenceMs;
    if (!this.line && this.next < this.lines.length && (botJustStopped || opening)) {
      this.line = this.lines[this.next++]!;
      this.pos = 0;
      this.linesSpoken++;
      this.botSpokeSinceLastLine = false;
    }
    if (!this.line) {
      out.fill(0);
      return;
    }
    const n = Math.min(out.length, this.line.length - this.pos);
    const line = this.line;
    for (let i = 0, p = this.pos; i < n; i++, p++) out[i] = line[p]!;
    if (n < out.length) out.fill(0, n);
    this.pos += n;
    if (this.pos >= this.line.length) this.line = null;
  }
}

/** Microphone frames from the renderer. Keeps at most `maxBufferMs` so latency cannot build up. */
export class MicLegB implements LegBSource {
  readonly mode = 'mic' as const;
  private buf: Int16Array;
  private len = 0;
  private started = false;
  frames = 0;

  constructor(
    private readonly maxBufferMs = 300,
    /** Samples to collect before playing out, to ride over IPC/bridge jitter. */
    private readonly prebufferSamples = 480,
  ) {
    this.buf = new Int16Array((8000 * maxBufferMs) / 1000);
  }

  push(samples: Int16Array): void {
    this.frames++;
    let src = samples;
    if (src.length > this.buf.length) src = src.subarray(src.length - this.buf.length);
    const overflow = this.len + src.length - this.buf.length;
    if (overflow > 0) {
      // Drop the oldest audio: a live conversation prefers low latency to completeness.
      this.buf.copyWithin(0, overflow, this.len);
      this.len -= overflow;
    }
    this.buf.set(src, this.len);
    this.len += src.length;
  }

  pull(out: Int16Array): void {
    if (!this.started && this.len < this.prebufferSamples) {
      out.fill(0);
      return;
    }
    this.started = true;
    const n = Math.min(out.length, this.len);
    out.set(this.buf.subarray(0, n));
    if (n < out.length) {
      out.fill(0, n);
      this.started = false; // underrun: prebuffer again
    }
    this.buf.copyWithin(0, n, this.len);
    this.len -= n;
  }
}
