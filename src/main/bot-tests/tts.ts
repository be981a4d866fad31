// Caller lines written as text, spoken by espeak-ng (installed separately; a clear error when missing).
import { execFile } from 'node:child_process';
import { AppError } from '../../shared/errors';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';

const MAX_TEXT = 2000;
const cache = new Map<string, Promise<Int16Array>>();
const MAX_CACHE = 200;

/** 8 kHz mono PCM of `text` in espeak-ng `voice`. Cached per process (campaigns speak the same lines). */
export function speak(text: string, voice: string, wpm?: number): Promise<Int16Array> {
  const key = `${voice}\u0000${wpm ?? ''}\u0000${text}`;
  let p = cache.get(key);
  if (!p) {
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
    p = run(text.slice(0, MAX_TEXT), voice, wpm);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

function run(text: string, voice: string, wpm?: number): Promise<Int16Array> {
  const args = ['-v', voice, '--stdout', ...(wpm ? ['-s', String(wpm)] : []), '--', text];
  return new Promise((resolve, reject) => {
    execFile('espeak-ng', args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) {
        const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new AppError(
            'TTS_UNAVAILABLE',
            missing
              ? 'a say step with text needs espeak-ng, which is not installed (Debian/Ubuntu: sudo apt-get install espeak-ng; macOS: brew install espeak-ng); or use a WAV file'
              : `espeak-ng failed for voice '${voice}': ${String(stderr).trim().slice(0, 200) || err.message}`,
          ),
        );
        return;
      }
      wavToPsrPcmAsync(new Uint8Array(stdout)).then(resolve, reject);
    });
  });
}
