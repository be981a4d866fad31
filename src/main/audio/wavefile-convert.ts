// WAV inspection and conversion to what PSR plays: 16-bit PCM, 8000 Hz, mono (SPEC §1, §3).
// wavefile parses and describes any WAV (and expands IMA ADPCM); the conversion itself is the sliced
// converter (psr-pcm.ts): mono mix, band-limited resampling and 16-bit, yielding to the event loop.
import * as wavefileModule from 'wavefile';
import { AppError, isAppError } from '../../shared/errors';
import { wavToPsrPcmAsync } from './psr-pcm';
import { encodeWav16 } from './wav';

// wavefile ships CommonJS (main) and ESM (module); depending on the loader (tsx, Vite, Vitest)
// the class is on the namespace or on its default export.
type WaveFileClass = typeof import('wavefile').WaveFile;
const ns = wavefileModule as unknown as { WaveFile?: WaveFileClass; default?: { WaveFile?: WaveFileClass } };
const WaveFile = (ns.WaveFile ?? ns.default?.WaveFile) as WaveFileClass;

export const PSR_SAMPLE_RATE = 8000;
/** Large enough for a long prompt, small enough to keep in memory and base64 across the bridge. */
export const MAX_WAV_BYTES = 64 * 1024 * 1024;

export interface WavInfo {
  sampleRate: number;
  /** wavefile's code: '8', '16', '24', '32', '32f', '64', '8m' (mu-law), '8a' (A-law), '4' (IMA ADPCM). */
  bitDepth: string;
  channels: number;
  durationSec: number;
  size: number;
  /** 16-bit PCM, 8000 Hz, mono: sent as is. */
  isPsrFormat: boolean;
}

interface FmtChunk {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

type Wave = InstanceType<typeof WaveFile>;

function load(bytes: Uint8Array): Wave {
  if (bytes.byteLength === 0) throw new AppError('WAV_EMPTY', 'audio_file: expected a WAV file, got an empty file', 'audio_file');
  if (bytes.byteLength > MAX_WAV_BYTES) {
    throw new AppError('WAV_TOO_LARGE', `audio_file: expected a WAV file of at most ${MAX_WAV_BYTES / 1024 / 1024} MiB`, 'audio_file');
  }
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  const wave = String.fromCharCode(...bytes.subarray(8, 12));
  if (!['RIFF', 'RIFX', 'RF64'].includes(magic) || wave !== 'WAVE') {
    throw new AppError('WAV_NOT_WAV', 'audio_file: expected a WAV file (RIFF/WAVE header); this file is something else', 'audio_file');
  }
  let wav: Wave;
  try {
    wav = new WaveFile(bytes);
  } catch (e) {
    throw new AppError('WAV_CORRUPT', `audio_file: the WAV file is damaged (${e instanceof Error ? e.message : String(e)})`, 'audio_file');
  }
  const fmt = wav.fmt as FmtChunk;
  const data = (wav as unknown as { data: { chunkSize: number; samples: Uint8Array } }).data;
  if (!fmt.numChannels || !fmt.sampleRate || !fmt.blockAlign) {
    throw new AppError('WAV_CORRUPT', 'audio_file: the WAV file is damaged (its fmt chunk has zero channels, rate or block size)', 'audio_file');
  }
  // A streaming writer may leave the declared size at 0 or 0xFFFFFFFF; only a shortfall is damage.
  if (data.chunkSize > 0 && data.chunkSize < 0xffffffff && data.samples && data.samples.byteLength < data.chunkSize) {
    throw new AppError(
      'WAV_CORRUPT',
      `audio_file: the WAV file is truncated (its header announces ${data.chunkSize} bytes of audio, the file holds ${data.samples.byteLength})`,
      'audio_file',
    );
  }
  if (!data.samples || data.samples.byteLength === 0) {
    throw new AppError('WAV_EMPTY', 'audio_file: expected a WAV file with audio; its data chunk is empty', 'audio_file');
  }
  return wav;
}

function describe(wav: Wave, size: number): WavInfo {
  const fmt = wav.fmt as FmtChunk;
  const dataBytes = (wav as unknown as { data: { samples: Uint8Array } }).data.samples.byteLength;
  const bitDepth = wav.bitDepth;
  // For compressed formats blockAlign*sampleRate is not the byte rate; byteRate is.
  const durationSec = fmt.audioFormat === 1 || fmt.audioFormat === 3 || fmt.audioFormat === 0xfffe
    ? dataBytes / fmt.blockAlign / fmt.sampleRate
    : dataBytes / (fmt.byteRate || fmt.blockAlign * fmt.sampleRate);
  return {
    sampleRate: fmt.sampleRate,
    bitDepth,
    channels: fmt.numChannels,
    durationSec: Math.round(durationSec * 1000) / 1000,
    size,
    isPsrFormat: bitDepth === '16' && fmt.sampleRate === PSR_SAMPLE_RATE && fmt.numChannels === 1 && fmt.audioFormat !== 3,
  };
}

export function inspectWav(bytes: Uint8Array): WavInfo {
  return describe(load(bytes), bytes.byteLength);
}

/** IMA ADPCM is expanded by wavefile in one piece: kept to a size that takes a few ms (32 s at 8 kHz). */
export const MAX_ADPCM_SAMPLES = 1 << 18;

/**
 * Any readable WAV → 16-bit PCM, 8000 Hz, mono WAV bytes. PCM, float and G.711 (mu-law, A-law) WAVs go
 * through the sliced converter (size refused from the header, then converted in slices that yield to
 * the event loop); IMA ADPCM is first expanded to 16-bit by wavefile, only up to MAX_ADPCM_SAMPLES.
 */
export async function convertToPsrWav(bytes: Uint8Array): Promise<Uint8Array> {
  const wav = load(bytes);
  const { audioFormat, numChannels, sampleRate } = wav.fmt as FmtChunk;
  let pcmWav: Uint8Array = bytes;
  if (wav.bitDepth === '4') {
    const decoded = (wav as unknown as { data: { samples: Uint8Array } }).data.samples.byteLength * 2;
    if (decoded > MAX_ADPCM_SAMPLES) {
      throw new AppError(
        'AUDIO_TOO_LARGE',
        `audio_file: an IMA ADPCM WAV decodes to about ${decoded} samples; the limit for ADPCM is ${MAX_ADPCM_SAMPLES} samples (convert longer files to PCM first)`,
        'audio_file',
      );
    }
    try {
      wav.fromIMAADPCM();
    } catch (e) {
      throw new AppError('WAV_UNSUPPORTED_FORMAT', `audio_file: cannot decode this WAV encoding (${e instanceof Error ? e.message : String(e)})`, 'audio_file');
    }
    pcmWav = wav.toBuffer();
  } else if (!['8', '16', '24', '32', '32f', '64', '8m', '8a'].includes(wav.bitDepth)) {
    throw new AppError(
      'WAV_UNSUPPORTED_FORMAT',
      `audio_file: expected PCM, float, mu-law, A-law or IMA ADPCM audio; got bit depth ${wav.bitDepth} (format ${audioFormat}, ${numChannels} channels at ${sampleRate} Hz)`,
      'audio_file',
    );
  }
  try {
    return encodeWav16([await wavToPsrPcmAsync(pcmWav)], PSR_SAMPLE_RATE);
  } catch (e) {
    if (isAppError(e) && !e.field) throw new AppError(e.code, `audio_file: ${e.message}`, 'audio_file');
    throw e;
  }
}
