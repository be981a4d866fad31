// Listening live: call:audio frames → an AudioWorklet jitter buffer → the chosen output device.
// The AudioContext runs at the call's 8 kHz so the worklet never resamples; the browser converts
// to the device rate. Closing the context on stop releases the device.
import type { EventPayload } from '../../../shared/contract';
import type { Leg } from '../../../shared/contract/live';

export const LEG_INDEX: Record<Leg, number> = { A: 0, B: 1, botOut: 2 };
export const DEFAULT_TARGET_MS = 60;
const MIN_TARGET_MS = 40;
const MAX_TARGET_MS = 400;

export interface ListenStats {
  underruns: number;
  late: number;
  frames: number;
  bufferedMs: number;
  targetMs: number;
  playing: boolean;
}

export interface LegMix {
  volume: number;
  muted: boolean;
  solo: boolean;
}

export class ListenPlayer {
  private ctx: AudioContext | null = null;
  private node: AudioWorkletNode | null = null;
  private lastArrival = 0;
  private lastDurMs = 0;
  /** RFC 3550-style interarrival jitter estimate, ms. */
  private jitterMs = 0;
  private targetMs = DEFAULT_TARGET_MS;

  constructor(private readonly onStats: (s: ListenStats) => void) {}

  async start(sinkId?: string): Promise<void> {
    const ctx = new AudioContext({ sampleRate: 8000, latencyHint: 'interactive' });
    this.ctx = ctx;
    await ctx.audioWorklet.addModule(new URL('./worklets/listen-player.js', document.baseURI).href);
    const node = new AudioWorkletNode(ctx, 'listen-player', { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [2] });
    node.port.onmessage = (ev: MessageEvent<ListenStats>) => this.onStats(ev.data);
    node.connect(ctx.destination);
    this.node = node;
    if (sinkId) await this.setSink(sinkId);
    if (ctx.state !== 'running') await ctx.resume();
  }

  static canChooseOutput(): boolean {
    return typeof AudioContext !== 'undefined' && 'setSinkId' in AudioContext.prototype;
  }

  async setSink(sinkId: string): Promise<void> {
    const ctx = this.ctx as (AudioContext & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (ctx?.setSinkId) await ctx.setSinkId(sinkId);
  }

  setMix(mix: Record<Leg, LegMix>, mono: boolean): void {
    const anySolo = Object.values(mix).some((m) => m.solo);
    const gain = (m: LegMix) => (m.muted || (anySolo && !m.solo) ? 0 : m.volume);
    this.node?.port.postMessage({ type: 'gains', gains: [gain(mix.A), gain(mix.B), gain(mix.botOut)], mono });
  }

  push(frame: EventPayload<'call:audio'>): void {
    if (!this.node) return;
    // A copy of its own, aligned for 16-bit samples and transferable to the worklet.
    const pcm = new Int16Array(frame.pcm.byteLength >> 1);
    new Uint8Array(pcm.buffer).set(frame.pcm.subarray(0, pcm.byteLength));
    const legIdx = frame.legs.map((l) => LEG_INDEX[l]);
    this.adapt(pcm.length / Math.max(1, legIdx.length) / (frame.sampleRate / 1000));
    this.node.port.postMessage({ type: 'pcm', t: frame.t, legIdx, pcm }, [pcm.buffer]);
  }

  /** Grow the buffer when frames arrive unevenly, shrink it back when they are steady. */
  private adapt(durMs: number): void {
    const now = performance.now();
    if (this.lastArrival > 0) {
      const d = Math.abs(now - this.lastArrival - this.lastDurMs);
      this.jitterMs += (d - this.jitterMs) / 16;
    }
    this.lastArrival = now;
    this.lastDurMs = durMs;
    const wanted = Math.min(MAX_TARGET_MS, Math.max(MIN_TARGET_MS, DEFAULT_TARGET_MS, durMs + 3 * this.jitterMs));
    if (Math.abs(wanted - this.targetMs) >= 10) {
      this.targetMs = wanted;
      this.node?.port.postMessage({ type: 'target', samples: Math.round((wanted * 8000) / 1000) });
    }
  }

  async stop(): Promise<void> {
    this.node?.disconnect();
    this.node = null;
    const ctx = this.ctx;
    this.ctx = null;
    if (ctx && ctx.state !== 'closed') await ctx.close();
  }
}

export async function listOutputDevices(): Promise<Array<{ id: string; label: string }>> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const all = await navigator.mediaDevices.enumerateDevices();
  return all.filter((d) => d.kind === 'audiooutput').map((d) => ({ id: d.deviceId, label: d.label }));
}
