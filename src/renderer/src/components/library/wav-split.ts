// One channel of a 16-bit PCM WAV as its own mono WAV: "download leg A / leg B" of a stereo
// recording (left = leg A, right = leg B), done in the page so no file route is needed.

interface Pcm {
  channels: number;
  rate: number;
  bits: number;
  data: Uint8Array;
}

function readPcm(bytes: Uint8Array): Pcm | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let off = 12;
  let fmt: Omit<Pcm, 'data'> | null = null;
  while (off + 8 <= bytes.length) {
    const id = tag(off);
    const size = v.getUint32(off + 4, true);
    if (id === 'fmt ') fmt = { channels: v.getUint16(off + 10, true), rate: v.getUint32(off + 12, true), bits: v.getUint16(off + 22, true) };
    else if (id === 'data' && fmt) {
      const start = off + 8;
      // A recording still being written may declare more (or 0) bytes than present.
      const len = size === 0 || start + size > bytes.length ? bytes.length - start : size;
      return { ...fmt, data: bytes.subarray(start, start + len) };
    }
    off += 8 + size + (size & 1);
  }
  return null;
}

export function wavHeader(dataBytes: number, rate: number, channels: number): Uint8Array {
  const h = new Uint8Array(44);
  const v = new DataView(h.buffer);
  const put = (o: number, s: string) => [...s].forEach((c, i) => (h[o + i] = c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * channels * 2, true);
  v.setUint16(32, channels * 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, dataBytes, true);
  return h;
}

/** Channel `index` (0 = left = leg A) of a 16-bit PCM WAV as a mono WAV; null if it is not one. */
export function wavChannel(bytes: Uint8Array, index: number): Uint8Array<ArrayBuffer> | null {
  const pcm = readPcm(bytes);
  if (!pcm || pcm.bits !== 16 || index >= pcm.channels) return null;
  const frames = Math.floor(pcm.data.length / (2 * pcm.channels));
  const out = new Uint8Array(44 + frames * 2);
  out.set(wavHeader(frames * 2, pcm.rate, 1), 0);
  const stride = 2 * pcm.channels;
  for (let i = 0, src = index * 2, dst = 44; i < frames; i++, src += stride, dst += 2) {
    out[dst] = pcm.data[src]!;
    out[dst + 1] = pcm.data[src + 1]!;
  }
  return out;
}

export function wavChannelCount(bytes: Uint8Array): number {
  return readPcm(bytes)?.channels ?? 0;
}
