// PCM sample-format helpers shared by the simulator and the endpoint. Plain loops over typed arrays.

/** Float [-1, 1] → 16-bit, clamped and rounded. */
export function floatToInt16(input: Float32Array): Int16Array {
  const out = new Int16Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = input[i]! * 32768;
    out[i] = v >= 32767 ? 32767 : v <= -32768 ? -32768 : Math.round(v);
  }
  return out;
}

/** 16-bit → float [-1, 1). */
export function int16ToFloat(input: Int16Array): Float32Array {
  const out = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = input[i]! / 32768;
  return out;
}

/** Average of all channels (mono mixdown). One channel is returned as is. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  if (channels.length === 1) return channels[0]!;
  const len = Math.min(...channels.map((c) => c.length));
  const out = new Float32Array(len);
  for (const ch of channels) for (let i = 0; i < len; i++) out[i]! += ch[i]!;
  const k = 1 / channels.length;
  for (let i = 0; i < len; i++) out[i]! *= k;
  return out;
}

/** Little-endian 16-bit PCM bytes → samples (an odd trailing byte is ignored; copies, so any alignment works). */
export function bytesToInt16(bytes: Uint8Array): Int16Array {
  const n = bytes.length >> 1;
  const out = new Int16Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 2);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

/** Samples → little-endian 16-bit PCM bytes. */
export function int16ToBytes(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
  return out;
}
