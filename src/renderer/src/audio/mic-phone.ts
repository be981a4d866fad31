// The softphone: while a simulated call's leg B is "your microphone", microphone frames go to the
// simulator (simulator:micFrames) and leg A (simulator:legAudio) plays on the speakers.
// Module-level on purpose: the call outlives the screen that started it (the demo navigates away).
import { useSyncExternalStore } from 'react';
import { api, onEvent } from '../api/client';
import { startMicCapture, type MicCapture } from './mic-capture';

export interface PhoneState {
  status: 'idle' | 'starting' | 'live';
  callId: string | null;
  /** Microphone peak of the last frame, 0..1. */
  level: number;
  micLabel: string;
  framesSent: number;
}

const idle: PhoneState = { status: 'idle', callId: null, level: 0, micLabel: '', framesSent: 0 };
let state: PhoneState = idle;
const listeners = new Set<() => void>();
const set = (patch: Partial<PhoneState>) => {
  state = { ...state, ...patch };
  for (const l of listeners) l();
};

let capture: MicCapture | null = null;
let player: LegAPlayer | null = null;
let unsubscribe: (() => void)[] = [];
let inFlight = 0;
const MAX_IN_FLIGHT = 8; // ~320 ms of audio; beyond that frames are dropped, not queued

function toBase64(pcm: Int16Array): string {
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return btoa(s);
}

function fromBase64(b64: string): Int16Array {
  const s = atob(b64);
  const out = new Int16Array(s.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const v = s.charCodeAt(2 * i) | (s.charCodeAt(2 * i + 1) << 8);
    out[i] = v > 32767 ? v - 65536 : v;
  }
  return out;
}

/** Plays 8 kHz leg A chunks back to back, a little ahead of time to ride over jitter. */
class LegAPlayer {
  private readonly ctx = new AudioContext({ sampleRate: 8000, latencyHint: 'interactive' });
  private playhead = 0;

  play(pcm: Int16Array): void {
    if (this.ctx.state === 'suspended') void this.ctx.resume();
    const buf = this.ctx.createBuffer(1, pcm.length, 8000);
    const ch = buf.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) ch[i] = pcm[i]! / 32768;
    const src = this.ctx.createBufferSource();
    src.buffer = buf;
    src.connect(this.ctx.destination);
    const now = this.ctx.currentTime;
    // Re-anchor when we fell behind (or on the first chunk): 80 ms of cushion.
    if (this.playhead < now + 0.02) this.playhead = now + 0.08;
    src.start(this.playhead);
    this.playhead += buf.duration;
  }

  async close(): Promise<void> {
    await this.ctx.close().catch(() => {});
  }
}

/** Open the microphone (asks permission). Frames are sent once a call is attached. */
export async function openPhone(): Promise<void> {
  if (capture) return;
  set({ status: 'starting' });
  try {
    capture = await startMicCapture((pcm, peak) => {
      const callId = state.callId;
      set({ level: peak });
      if (!callId || inFlight >= MAX_IN_FLIGHT) return;
      inFlight++;
      api['simulator:micFrames']({ callId, pcm: toBase64(pcm) })
        .then(() => set({ framesSent: state.framesSent + 1 }))
        .catch(() => {})
        .finally(() => inFlight--);
    });
    player = new LegAPlayer();
    unsubscribe = [
      onEvent('simulator:legAudio', (p) => {
        if (p.callId === state.callId) player?.play(fromBase64(p.pcm));
      }),
      onEvent('simulator:changed', (s) => {
        const c = state.callId ? s.calls.find((x) => x.callId === state.callId) : undefined;
        if (state.callId && (!c || (c.state !== 'ringing' && c.state !== 'in-progress'))) void closePhone();
      }),
    ];
    set({ status: 'live', micLabel: capture.label });
  } catch (e) {
    await closePhone();
    throw e;
  }
}

export function attachCall(callId: string): void {
  set({ callId, framesSent: 0 });
}

export async function closePhone(): Promise<void> {
  for (const u of unsubscribe) u();
  unsubscribe = [];
  const c = capture;
  const p = player;
  capture = null;
  player = null;
  set(idle);
  await Promise.all([c?.stop(), p?.close()]);
}

export function usePhoneState(): PhoneState {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => state,
  );
}
