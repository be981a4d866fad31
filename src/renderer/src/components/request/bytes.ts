// Bytes ↔ base64 for the bridge (files cross it as base64 text), and human sizes.

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  // Chunks keep String.fromCharCode's argument list small (engines cap it).
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(out);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Sizes in the UI language (one formatter for every screen). */
export { formatBytes } from '../../i18n/format';

export function wavBlobUrl(bytes: Uint8Array<ArrayBuffer>, type = 'audio/wav'): string {
  return URL.createObjectURL(new Blob([bytes], { type }));
}
