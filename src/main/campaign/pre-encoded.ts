// Frames whose audio is known before the call starts (the caller's utterances, silence) are turned
// into base64 once per campaign and shared by every call and every worker (a SharedArrayBuffer):
// sending such a frame is a copy of ~0.9 KB and a timestamp, no PCM work and no base64 per frame.
import { base64EncodedLength as base64Length } from '../../shared/psr-stream';

export type Channel = 'stereo' | 'mono_a' | 'mono_b';
export const SAMPLES_PER_FRAME = 160;

export function payloadBytes(channel: Channel): number {
  return channel === 'stereo' ? SAMPLES_PER_FRAME * 4 : SAMPLES_PER_FRAME * 2;
}

/** One leg-B sound, as base64 `media` payloads with leg A silent, one fixed-width slot per 20 ms frame. */
export interface PreEncodedClip {
  frames: number;
  /** Characters per frame (base64 of one frame's payload). */
  stride: number;
  /** frames × stride bytes of base64 text; backed by a SharedArrayBuffer when built for workers. */
  data: Uint8Array;
}

function sharedBytes(n: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(Math.max(1, n)));
}

/** Pre-encode leg-B samples (8 kHz mono) for a channel layout; the last frame is padded with silence. */
export function preEncodeLegB(samples: Int16Array, channel: Channel): PreEncodedClip {
  const frames = Math.max(1, Math.ceil(samples.length / SAMPLES_PER_FRAME));
  const bytes = payloadBytes(channel);
  const stride = base64Length(bytes);
  const data = sharedBytes(frames * stride);
  const pcm = Buffer.alloc(bytes);
  for (let f = 0; f < frames; f++) {
    pcm.fill(0);
    if (channel !== 'mono_a') {
      for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
        const s = samples[f * SAMPLES_PER_FRAME + i] ?? 0;
        if (channel === 'stereo') pcm.writeInt16LE(s, i * 4 + 2);
        else pcm.writeInt16LE(s, i * 2);
      }
    }
    data.write(pcm.toString('base64'), f * stride, 'latin1');
  }
  return { frames, stride, data };
}

/** One frame of silence on both legs. */
export function silenceClip(channel: Channel): PreEncodedClip {
  return preEncodeLegB(new Int16Array(SAMPLES_PER_FRAME), channel);
}
