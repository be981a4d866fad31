// Test audio made here (never downloaded) and the example scenario, written to a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tone, wav16 } from '../../bots/timed-bot';

/** A speech-like burst: two harmonics, amplitude-modulated at 4 Hz like syllables. */
export function syllables(ms: number, f0 = 180): Int16Array {
  const n = Math.round(ms * 8);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / 8000;
    const env = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    out[i] = Math.round(9000 * env * (Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(2 * Math.PI * 2.7 * f0 * t)) / 1.5);
  }
  return out;
}

/** A rising chirp: a sound that correlates with nothing else in the tests. */
export function chirp(ms: number, from = 400, to = 1200): Int16Array {
  const n = Math.round(ms * 8);
  const out = new Int16Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    phase += (2 * Math.PI * (from + ((to - from) * i) / n)) / 8000;
    out[i] = Math.round(7000 * Math.sin(phase));
  }
  return out;
}

export const EXAMPLE = `name: Billing bot greets, answers twice and hangs up
call:                      # create-stream fields as the simulator receives them
  app: bot
  channel: stereo
  is_silence: true
  parameter: { danh_xung: anh, ma_kh: KH001 }
steps:                     # the caller (leg B), in order
  - expect_bot_audio: { within_ms: 3000 }   # the greeting starts
  - wait_bot_quiet: { ms: 400 }              # ...and ends: 400 ms without bot audio
  - say: caller-1.wav                        # any PCM WAV, converted to 8 kHz mono
  - expect_reply: { within_ms: 1500 }        # turn latency of the bot's next audio
  - wait_bot_quiet: { ms: 400 }
  - say: { text: "Tôi muốn trả bằng thẻ", voice: vi }   # espeak-ng when installed; else a clear error
  - expect_reply: { within_ms: 1500 }
  - expect_hangup: { within_ms: 10000 }
expect:                    # over the whole call
  turn_latency_ms: { p95_max: 1200 }
  protocol: strict         # a malformed bot frame fails the test ('warn' only reports it)
  bot_audio:
    - { matches: goodbye.wav, min_corr: 0.8 }   # this sound is heard on leg A somewhere
`;

export function tempDir(prefix = 'psr-bot-tests-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The example scenario and its sounds in `dir`; caller-1.wav is written at 16 kHz 16-bit (any PCM WAV works). */
export function writeExample(dir: string): { file: string; greeting: Int16Array; reply: Int16Array; goodbye: Int16Array } {
  fs.writeFileSync(path.join(dir, 'caller-1.wav'), wav16(syllables(900), 16000));
  const goodbye = chirp(700);
  fs.writeFileSync(path.join(dir, 'goodbye.wav'), wav16(goodbye, 8000));
  const file = path.join(dir, 'billing.yaml');
  fs.writeFileSync(file, EXAMPLE);
  return { file, greeting: tone(800, 440), reply: tone(600, 660), goodbye };
}
