// A call's recording and meters: PSR's PCM, laid out as data.channel says, into one WAV file and
// per-leg level/voice meters. The file's layout is fixed by the first layout of the call:
//   stereo file: leg A left, leg B right. A mono stretch fills its leg's channel; the other is silent.
//   mono file:   keeps the leg it started with. A stereo stretch gives it that leg's channel; a stretch
//                of the other leg is never written into it: those samples become silence (the file
//                stays aligned with the call's clock) and the log says how much was left out.
import type { ChannelLayout, Leg } from '../../shared/contract/live';
import { PcmFrameDecoder, channelsOf, legsOf } from '../../shared/audio/pcm-layout';
import { WavRecorder } from '../audio/wav-recorder';
import { LegMeter, type LegWindowSink } from './leg-meter';

export class CallRecording {
  /** The layout of the frames now arriving. */
  layout: ChannelLayout | null = null;
  /** The layout of the file (the call's first). */
  fileLayout: ChannelLayout | null = null;
  /** Sample frames of a leg the mono file has no channel for (written as silence). */
  framesLeftOut = 0;
  /** Sample frames received so far (the call's audio clock, 8 kHz). */
  framesTotal = 0;
  private decoder: PcmFrameDecoder | null = null;
  private recorder: WavRecorder | null = null;
  private readonly meters = new Map<Leg, LegMeter>();
  private mapBuf: Int16Array = new Int16Array(0);

  constructor(
    /** Null: meter, but keep no file (the files could not be reserved). */
    private readonly recordingPath: string | null,
    private readonly sink: LegWindowSink,
    private readonly onError: (detail: string) => void,
  ) {}

  get audioMs(): number {
    return (this.framesTotal * 1000) / 8000;
  }

  get hasFile(): boolean {
    return this.recorder !== null;
  }

  get channels(): number | null {
    return this.recorder?.channels ?? null;
  }

  /** Frames now arrive in `layout`. Returns held-over bytes of the old layout dropped (0 normally). */
  setLayout(layout: ChannelLayout): number {
    if (this.layout === layout) return 0;
    this.layout = layout;
    let dropped = 0;
    if (!this.decoder) this.decoder = new PcmFrameDecoder(layout);
    else dropped = this.decoder.setLayout(layout);
    for (const leg of legsOf(layout)) this.legMeter(leg).alignTo(this.audioMs);
    if (this.fileLayout === null) {
      this.fileLayout = layout;
      try {
        if (this.recordingPath !== null) this.recorder = WavRecorder.create(this.recordingPath, { channels: channelsOf(layout) });
      } catch (e) {
        this.onError(`cannot create the recording: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return dropped;
  }

  /** One payload: decode whole sample frames, record and meter them. Hot path. */
  push(payload: Uint8Array): { frames: number; split: boolean; bytes: Uint8Array } {
    const d = this.decoder!.push(payload);
    if (d.frames > 0) {
      const layout = this.layout!;
      this.record(d.samples, d.bytes, d.frames, layout);
      if (layout === 'stereo') {
        this.meters.get('A')!.push(d.samples, 0, 2, d.frames);
        this.meters.get('B')!.push(d.samples, 1, 2, d.frames);
      } else this.meters.get(layout === 'mono_a' ? 'A' : 'B')!.push(d.samples, 0, 1, d.frames);
      this.framesTotal += d.frames;
    }
    return d;
  }

  legMeter(leg: Leg): LegMeter {
    let m = this.meters.get(leg);
    if (!m) {
      m = new LegMeter(leg, this.sink);
      this.meters.set(leg, m);
    }
    return m;
  }

  private record(samples: Int16Array, bytes: Uint8Array, frames: number, layout: ChannelLayout): void {
    const rec = this.recorder;
    if (!rec) return;
    const file = this.fileLayout!;
    if (layout === file) return rec.write(bytes);
    if (file === 'stereo') {
      const out = this.map(frames * 2);
      const off = layout === 'mono_a' ? 0 : 1;
      out.fill(0, 0, frames * 2);
      for (let i = 0; i < frames; i++) out[i * 2 + off] = samples[i]!;
      return rec.write(new Uint8Array(out.buffer, 0, frames * 4));
    }
    const out = this.map(frames);
    if (layout === 'stereo') {
      const keep = file === 'mono_a' ? 0 : 1;
      for (let i = 0; i < frames; i++) out[i] = samples[i * 2 + keep]!;
    } else {
      // The other leg's audio never goes into this leg's file.
      out.fill(0, 0, frames);
      this.framesLeftOut += frames;
    }
    rec.write(new Uint8Array(out.buffer, 0, frames * 2));
  }

  private map(n: number): Int16Array {
    if (this.mapBuf.length < n) this.mapBuf = new Int16Array(Math.max(n, 1024));
    return this.mapBuf;
  }

  /** Finalise the file. Returns the error that stopped the recording, if any. */
  async close(): Promise<Error | null> {
    if (!this.recorder) return null;
    await this.recorder.close();
    return this.recorder.error ?? null;
  }
}
