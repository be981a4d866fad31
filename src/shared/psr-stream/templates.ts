// Example action frames (SPEC §3), built with the builders: the starting points of the endpoint's
// frame composer. Each is a valid frame as written; the user edits it from there.
import { chunkAction, hangupAction, mediaAction, transferAction } from './builders';
import type { ActionMessage } from './messages';

/** 20 ms of silence as a WAV, 16-bit 8 kHz mono: the smallest valid `media` payload. */
function silentWav(samples = 160): Uint8Array {
  const dataBytes = samples * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < 4; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

export type ActionTemplateName = 'media' | 'chunk' | 'transfer' | 'hangup';

export function actionTemplate(name: ActionTemplateName): ActionMessage {
  switch (name) {
    case 'media':
      return mediaAction(silentWav(), true);
    case 'chunk':
      return chunkAction(new Uint8Array(320), 'pcm16');
    case 'transfer':
      return transferAction('1001');
    case 'hangup':
      return hangupAction();
  }
}

export const actionTemplateNames: readonly ActionTemplateName[] = ['media', 'chunk', 'transfer', 'hangup'];
