// WAV reading and writing for the simulator, the endpoint and the demo bot.
// Reads any PCM WAV (integer 8/16/24/32-bit, float 32/64, G.711 mu-law/A-law, WAVE_FORMAT_EXTENSIBLE);
// writes 16-bit PCM.
// Decoding is refused before any allocation when the WAV would decode to more than MAX_DECODED_SAMPLES.
import { AppError } from '../../shared/errors';

/** Most samples (all channels) a WAV may decode to: 16 M (64 MB as float), e.g. 33 min of 8 kHz mono. */
export const MAX_DECODED_SAMPLES = 16 * 1024 * 1024;

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  bitDepth: number;
  /** One Float32Array per channel, values in [-1, 1]. */
  samples: Float32Array[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

/** G.711 byte → sample in [-1, 1), as tables (256 entries each). */
const MULAW = new Float32Array(256).map((_, b) => {
  const u = ~b & 0xff;
  const s = (((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 7);
  return ((u & 0x80 ? 0x84 - s : s - 0x84) / 32768);
});
const ALAW = new Float32Array(256).map((_, b) => {
  const a = b ^ 0x55;
  const exp = (a >> 4) & 7;
  const mag = exp === 0 ? ((a & 0x0f) << 4) + 8 : (((a & 0x0f) << 4) + 0x108) << (exp - 1);
  return (a & 0x80 ? mag : -mag) / 32768;
});

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

/** Where the samples are and how they are laid out; reads only the headers (nothing is decoded). */
export function readWavLayout(bytes: Uint8Array): { format: number; channels: number; sampleRate: number; bitDepth: number; dataStart: number; dataLen: number; frames: number } {
  if (bytes.length < 12) throw new AppError('WAV_NOT_WAV', `expected a WAV file (RIFF/WAVE header), got ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (fourcc(view, 0) !== 'RIFF' || fourcc(view, 8) !== 'WAVE') {
    throw new AppError('WAV_NOT_WAV', 'expected a WAV file starting with RIFF…WAVE');
  }
  let fmt: { format: number; channels: number; sampleRate: number; bitDepth: number; blockAlign: number } | null = null;
  let dataStart = -1;
  let dataLen = 0;
  let off = 12;
  while (off + 8 <= bytes.length) {
    const id = fourcc(view, off);
    const size = view.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 'fmt ') {
      if (body + 16 > bytes.length) throw new AppError('WAV_TRUNCATED', 'the WAV fmt chunk is cut short');
      let format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const blockAlign = view.getUint16(body + 12, true);
      const bitDepth = view.getUint16(body + 14, true);
      // Extensible: the real format is the first two bytes of the SubFormat GUID.
      if (format === FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= bytes.length) format = view.getUint16(body + 24, true);
      fmt = { format, channels, sampleRate, bitDepth, blockAlign };
    } else if (id === 'data') {
      dataStart = body;
      // Streaming writers may leave 0 or 0xFFFFFFFF in the size: take what is there.
      dataLen = size === 0 || size === 0xffffffff || body + size > bytes.length ? bytes.length - body : size;
      if (fmt) break;
    }
    off = body + size + (size & 1);
  }
  if (!fmt) throw new AppError('WAV_NO_FMT', 'expected a fmt chunk in the WAV file');
  if (dataStart < 0) throw new AppError('WAV_NO_DATA', 'expected a data chunk in the WAV file');
  const { format, channels, sampleRate, bitDepth } = fmt;
  const intOk = format === FORMAT_PCM && (bitDepth === 8 || bitDepth === 16 || bitDepth === 24 || bitDepth === 32);
  const floatOk = format === FORMAT_FLOAT && (bitDepth === 32 || bitDepth === 64);
  const g711Ok = (format === FORMAT_ALAW || format === FORMAT_MULAW) && bitDepth === 8;
  if (!intOk && !floatOk && !g711Ok) {
    throw new AppError('WAV_UNSUPPORTED_FORMAT', `expected PCM integer 8/16/24/32-bit, float 32/64-bit or 8-bit mu-law/A-law, got format ${format} with ${bitDepth} bits`);
  }
  if (channels < 1 || channels > 16) throw new AppError('WAV_UNSUPPORTED_FORMAT', `expected 1 to 16 channels, got ${channels}`);
  if (sampleRate < 1000 || sampleRate > 384000) throw new AppError('WAV_UNSUPPORTED_FORMAT', `expected a sample rate between 1000 and 384000 Hz, got ${sampleRate}`);
  const frames = Math.floor(dataLen / ((bitDepth / 8) * channels));
  return { format, channels, sampleRate, bitDepth, dataStart, dataLen, frames };
}

export function decodeWav(bytes: Uint8Array): DecodedWav {
  const { format, channels, sampleRate, bitDepth, dataStart, frames } = readWavLayout(bytes);
  if (frames * channels > MAX_DECODED_SAMPLES) {
    throw new AppError('AUDIO_TOO_LARGE', `the WAV decodes to ${frames * channels} samples (${frames} frames × ${channels} channels); the limit is ${MAX_DECODED_SAMPLES} samples`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bytesPer = bitDepth / 8;
  const frameBytes = bytesPer * channels;
  const samples: Float32Array[] = [];
  for (let c = 0; c < channels; c++) samples.push(new Float32Array(frames));
  for (let c = 0; c < channels; c++) {
    const ch = samples[c]!;
    let p = dataStart + c * bytesPer;
    // One loop per encoding so the inner loop has no branches.
    if (format === FORMAT_MULAW || format === FORMAT_ALAW) {
      const table = format === FORMAT_MULAW ? MULAW : ALAW;
      for (let i = 0; i < frames; i++, p += frameBytes) ch[i] = table[view.getUint8(p)]!;
    } else if (format === FORMAT_FLOAT && bitDepth === 32) for (let i = 0; i < frames; i++, p += frameBytes) ch[i] = view.getFloat32(p, true);
    else if (format === FORMAT_FLOAT) for (let i = 0; i < frames; i++, p += frameBytes) ch[i] = view.getFloat64(p, true);
    else if (bitDepth === 16) for (let i = 0; i < frames; i++, p += frameBytes) ch[i] = view.getInt16(p, true) / 32768;
    else if (bitDepth === 8) for (let i = 0; i < frames; i++, p += frameBytes) ch[i] = (view.getUint8(p) - 128) / 128;
    else if (bitDepth === 24) {
      for (let i = 0; i < frames; i++, p += frameBytes) {
        const v = view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16);
        ch[i] = v / 8388608;
      }
    } else for (let i = 0; i < frames; i++, p += frameBytes) ch[i] = view.getInt32(p, true) / 2147483648;
  }
  return { sampleRate, channels, bitDepth, samples };
}

export type WavLayout = ReturnType<typeof readWavLayout>;

/**
 * Frames `start`..`end` of a WAV, mixed to mono (the average of the channels), written to `out` at the
 * same indices. Reads the bytes directly (no per-channel arrays), so a caller can decode a long file in
 * slices. A mono file gives exactly the values `decodeWav` gives.
 */
export function mixFramesToMono(bytes: Uint8Array, layout: WavLayout, out: Float32Array, start: number, end: number): void {
  const { format, channels, bitDepth, dataStart } = layout;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bytesPer = bitDepth / 8;
  const frameBytes = bytesPer * channels;
  const g711 = format === FORMAT_MULAW ? MULAW : format === FORMAT_ALAW ? ALAW : null;
  const read = g711
    ? (p: number) => g711[view.getUint8(p)]!
    : format === FORMAT_FLOAT && bitDepth === 32
      ? (p: number) => view.getFloat32(p, true)
      : format === FORMAT_FLOAT
        ? (p: number) => view.getFloat64(p, true)
        : bitDepth === 16
          ? (p: number) => view.getInt16(p, true) / 32768
          : bitDepth === 8
            ? (p: number) => (view.getUint8(p) - 128) / 128
            : bitDepth === 24
              ? (p: number) => (view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16)) / 8388608
              : (p: number) => view.getInt32(p, true) / 2147483648;
  const inv = 1 / channels;
  let p = dataStart + start * frameBytes;
  if (channels === 1) {
    for (let i = start; i < end; i++, p += frameBytes) out[i] = read(p);
    return;
  }
  for (let i = start; i < end; i++, p += frameBytes) {
    let sum = 0;
    for (let c = 0, q = p; c < channels; c++, q += bytesPer) sum += read(q);
    out[i] = sum * inv;
  }
}

/** 16-bit PCM WAV from one Int16Array per channel (all the same length; shorter ones are zero-padded). */
export function encodeWav16(channels: Int16Array[], sampleRate: number): Uint8Array {
  const nch = Math.max(1, channels.length);
  const frames = channels.reduce((m, c) => Math.max(m, c.length), 0);
  const dataLen = frames * nch * 2;
  const out = new Uint8Array(44 + dataLen);
  const view = new DataView(out.buffer);
  writeWavHeader(view, nch, sampleRate, dataLen);
  for (let c = 0; c < channels.length; c++) {
    const ch = channels[c]!;
    let p = 44 + c * 2;
    const step = nch * 2;
    for (let i = 0; i < ch.length; i++, p += step) view.setInt16(p, ch[i]!, true);
  }
  return out;
}

/** The canonical 44-byte header of a 16-bit PCM WAV. */
export function writeWavHeader(view: DataView, channels: number, sampleRate: number, dataLen: number): void {
  const put = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) view.setUint8(o + i, s.charCodeAt(i));
  };
  put(0, 'RIFF');
  view.setUint32(4, 36 + dataLen, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  put(36, 'data');
  view.setUint32(40, dataLen, true);
}

