// Audio files for actions (media, chunk, greeting). The desktop app and the CLI name a path; the
// browser (web mode) cannot, so it sends the file's bytes as base64. Both are bounded.
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { readUserFileSync, UserFileError } from '../io/user-file';
import { mp3ToPsrPcmAsync } from '../audio/mp3';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';

/** Largest audio file an action accepts (a few minutes of any WAV, an hour of 8 kHz mono). */
export const MAX_AUDIO_FILE_BYTES = 16 * 1024 * 1024;

export type AudioFileSource = { path: string } | { name: string; base64: string };

export interface LoadedAudio {
  name: string;
  bytes: Uint8Array;
  kind: 'wav' | 'mp3';
}

export function detectAudioKind(bytes: Uint8Array): 'wav' | 'mp3' | null {
  if (bytes.length >= 12 && bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x41) return 'wav';
  if (bytes.length >= 3 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) return 'mp3'; // ID3 tag
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return 'mp3'; // MPEG frame sync
  return null;
}

export function loadAudioFile(src: AudioFileSource, field = 'file'): LoadedAudio {
  let name: string;
  let bytes: Uint8Array;
  if ('path' in src) {
    name = path.basename(src.path);
    try {
      bytes = readUserFileSync(src.path, { field, noun: 'audio file', maxBytes: MAX_AUDIO_FILE_BYTES });
    } catch (e) {
      if (e instanceof UserFileError && e.problem === 'too-large') throw tooLarge(field, e.sizeBytes ?? MAX_AUDIO_FILE_BYTES + 1);
      const reason = e instanceof UserFileError ? e.reason : 'unknown';
      throw new AppError('ENDPOINT_FILE_NOT_FOUND', e instanceof Error ? e.message : String(e), field, { path: src.path, cause: reason });
    }
  } else {
    name = src.name;
    bytes = Buffer.from(src.base64, 'base64');
    if (bytes.length > MAX_AUDIO_FILE_BYTES) throw tooLarge(field, bytes.length);
  }
  const kind = detectAudioKind(bytes);
  if (!kind) throw new AppError('ENDPOINT_AUDIO_UNSUPPORTED', `${field}: expected a WAV (RIFF/WAVE) or MP3 file; '${name}' is neither`, field, { context: 'kind', name });
  return { name, bytes, kind };
}

function tooLarge(field: string, size: number): AppError {
  return new AppError('ENDPOINT_FILE_TOO_LARGE', `${field}: expected an audio file of at most ${MAX_AUDIO_FILE_BYTES / 1024 / 1024} MiB, got ${(size / 1024 / 1024).toFixed(1)} MiB`, field, {
    limitMiB: MAX_AUDIO_FILE_BYTES / 1024 / 1024,
    sizeMiB: Math.round((size / 1024 / 1024) * 10) / 10,
  });
}

/** Any supported file → what PSR plays: 8 kHz, 16-bit, mono samples, converted in slices that yield. */
export function toPsrPcm(audio: LoadedAudio): Promise<Int16Array> {
  return audio.kind === 'wav' ? wavToPsrPcmAsync(audio.bytes) : mp3ToPsrPcmAsync(audio.bytes);
}
