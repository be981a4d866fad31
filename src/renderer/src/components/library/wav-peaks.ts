// Reads a PCM WAV (as served by calls:recording) into per-channel peaks for the waveform, so the
// page never has to fetch() a blob URL (the CSP allows blob: for media, not for connect).

export interface WavPeaks {
  sampleRate: number;
  channels: number;
  duration: number;
  /** One array per channel, values −1..1 (signed max of each bucket). */
  peaks: number[][];
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function wavPeaks(bytes: Uint8Array, buckets = 2000): WavPeaks | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let off = 12;
  let channels = 0;
  let rate = 0;
  let bits = 0;
  let dataOff = -1;
  let dataLen = 0;
  while (off + 8 <= bytes.length) {
    const id = tag(off);
    const size = v.getUint32(off + 4, true);
    if (id === 'fmt ') {
      channels = v.getUint16(off + 10, true);
      rate = v.getUint32(off + 12, true);
      bits = v.getUint16(off + 22, true);
    } else if (id === 'data') {
      dataOff = off + 8;
      // A recording still being written may declare more (or 0) bytes than present.
      dataLen = size === 0 || dataOff + size > bytes.length ? bytes.length - dataOff : size;
      break;
    }
    off += 8 + size + (size & 1);
  }
  if (dataOff < 0 || bits !== 16 || channels < 1 || rate <= 0) return null;
  const frames = Math.floor(dataLen / (2 * channels));
  const n = Math.max(1, Math.min(buckets, frames));
  const per = frames / n;
  const peaks: number[][] = [];
  for (let c = 0; c < channels; c++) {
    const out = new Array<number>(n).fill(0);
    for (let b = 0; b < n; b++) {
      const from = Math.floor(b * per);
      const to = Math.max(from + 1, Math.floor((b + 1) * per));
      let best = 0;
      for (let f = from; f < to && f < frames; f++) {
        const s = v.getInt16(dataOff + (f * channels + c) * 2, true);
        if (Math.abs(s) > Math.abs(best)) best = s;
      }
      out[b] = best / 32768;
    }
    peaks.push(out);
  }
  return { sampleRate: rate, channels, duration: frames / rate, peaks };
}
