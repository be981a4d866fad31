// The benchmarks' PSR media frames: 20 ms of stereo 16-bit PCM at 8 kHz (a 440 Hz tone on leg A,
// 1 kHz on leg B), as the JSON text PSR sends.
export const FRAME_SAMPLES = 160; // 20 ms at 8 kHz
export const FRAME_BYTES = FRAME_SAMPLES * 4; // stereo 16-bit

export function makeFrames(n: number, callId = 'bench'): string[] {
  const out: string[] = [];
  const pcm = Buffer.alloc(FRAME_BYTES);
  for (let f = 0; f < n; f++) {
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const k = f * FRAME_SAMPLES + i;
      pcm.writeInt16LE(Math.round(12000 * Math.sin((2 * Math.PI * 440 * k) / 8000)), i * 4);
      pcm.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 1000 * k) / 8000)), i * 4 + 2);
    }
    out.push(JSON.stringify({ timestamp: 1_700_000_000_000 + f * 20, event: 'media', media: { payload: pcm.toString('base64') }, data: { call_id: callId, channel: 'stereo' } }));
  }
  return out;
}
