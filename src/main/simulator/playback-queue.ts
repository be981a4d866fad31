// Leg A's playback queue (SPEC §5): `media` is_sync=true and `chunk`s append; `media` is_sync=false
// drops whatever is queued or playing and plays now. The call engine pulls 160 samples per tick.

interface Segment {
  samples: Int16Array;
  pos: number;
  label: string;
}

export class PlaybackQueue {
  private readonly segments: Segment[] = [];
  /** Samples handed out since the call started (for logs and tests). */
  played = 0;

  enqueue(samples: Int16Array, label: string, opts: { interrupt?: boolean } = {}): void {
    if (opts.interrupt) this.segments.length = 0;
    if (samples.length > 0) this.segments.push({ samples, pos: 0, label });
  }

  clear(): void {
    this.segments.length = 0;
  }

  /** Samples still queued. */
  get pending(): number {
    let n = 0;
    for (const s of this.segments) n += s.samples.length - s.pos;
    return n;
  }

  get playing(): string | null {
    return this.segments[0]?.label ?? null;
  }

  /** Fill `out` with the next samples; silence where nothing is queued. Returns samples of audio written. */
  pull(out: Int16Array): number {
    let w = 0;
    while (w < out.length && this.segments.length > 0) {
      const seg = this.segments[0]!;
      const n = Math.min(out.length - w, seg.samples.length - seg.pos);
      // A plain copy loop: `set(subarray(…))` would allocate a view object per call per 20 ms.
      const src = seg.samples;
      for (let i = 0, p = seg.pos; i < n; i++, p++) out[w + i] = src[p]!;
      seg.pos += n;
      w += n;
      if (seg.pos >= seg.samples.length) this.segments.shift();
    }
    if (w < out.length) out.fill(0, w);
    this.played += w;
    return w;
  }
}
