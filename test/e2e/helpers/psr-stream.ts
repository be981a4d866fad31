// Plays PSR's side of a call against an endpoint: connects like PSR (call_id and tenant in the query),
// sends `connected`, then 20 ms stereo `media` frames in real time from a script, then `closed`.
import WebSocket from 'ws';

export const RATE = 8000;
export const FRAME_MS = 20;
const FRAME_SAMPLES = (RATE * FRAME_MS) / 1000;

/** What each leg plays at call time t (ms): a tone amplitude (0..1) or silence. */
export type Script = (tMs: number) => { a: number; b: number };

/** RMS dBFS of a sine of this amplitude, in the meters' convention (full-scale square = 0 dBFS). */
export function sineRmsDbfs(amplitude: number): number {
  return 20 * Math.log10(amplitude / Math.SQRT2);
}

export class PsrStream {
  readonly received: unknown[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sampleIndex = 0;
  sending = false;
  /** Bot audio (from `media` actions) waiting to be played on leg A, as PSR does. */
  private botAudio: Int16Array[] = [];
  private botAudioPos = 0;
  /** Call time (ms) at which each received `media` action started playing on leg A. */
  readonly botAudioStarts: number[] = [];

  private constructor(
    private readonly ws: WebSocket,
    readonly callId: string,
  ) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        const msg = JSON.parse(String(data)) as { event?: string; media?: { payload?: string } };
        this.received.push(msg);
        if (msg.event === 'media' && typeof msg.media?.payload === 'string') {
          const pcm = wavSamples(Buffer.from(msg.media.payload, 'base64'));
          if (pcm) this.botAudio.push(pcm);
        }
      } catch {
        this.received.push(String(data));
      }
    });
  }

  static async open(endpointUrl: string, callId: string, tenant = 'e2e', connectedData: Record<string, unknown> = {}): Promise<PsrStream> {
    const u = new URL(endpointUrl);
    u.searchParams.set('call_id', callId);
    u.searchParams.set('tenant', tenant);
    const ws = new WebSocket(u.toString(), { rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const s = new PsrStream(ws, callId);
    s.send({ timestamp: Date.now(), event: 'connected', data: { call_id: callId, channel: 'stereo', ...connectedData } });
    return s;
  }

  private send(obj: unknown): void {
    this.ws.send(JSON.stringify(obj));
  }

  /** Call time (ms) of the next frame to be sent. */
  get callTimeMs(): number {
    return (this.sampleIndex / RATE) * 1000;
  }

  /** One frame of audio from the script, stereo interleaved (left = A, right = B). */
  private frame(script: Script): Buffer {
    const buf = Buffer.alloc(FRAME_SAMPLES * 4);
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const n = this.sampleIndex + i;
      const { a, b } = script((n / RATE) * 1000);
      const s = Math.sin((2 * Math.PI * 440 * n) / RATE);
      // Leg A carries what the bot sent (PSR plays it into the call), else the script.
      const bot = this.botAudio[0];
      let aSample = Math.round(s * a * 32767);
      if (bot) {
        if (this.botAudioPos === 0) this.botAudioStarts.push((n / RATE) * 1000);
        aSample = bot[this.botAudioPos++]!;
        if (this.botAudioPos >= bot.length) {
          this.botAudio.shift();
          this.botAudioPos = 0;
        }
      }
      buf.writeInt16LE(aSample, i * 4);
      buf.writeInt16LE(Math.round(s * b * 32767), i * 4 + 2);
    }
    this.sampleIndex += FRAME_SAMPLES;
    return buf;
  }

  sendFrame(script: Script): void {
    this.send({ timestamp: Date.now(), event: 'media', media: { payload: this.frame(script).toString('base64') }, data: { call_id: this.callId, channel: 'stereo' } });
  }

  /** Send `frames` frames as fast as the socket takes them (not paced). */
  async burst(frames: number, script: Script): Promise<void> {
    for (let i = 0; i < frames; i++) {
      this.sendFrame(script);
      if (this.ws.bufferedAmount > 1 << 20) {
        await new Promise<void>((resolve) => {
          const check = () => (this.ws.bufferedAmount < 1 << 18 ? resolve() : setTimeout(check, 5));
          check();
        });
      }
    }
  }

  /** Stream in real time (drift-corrected) until stop() or `untilMs` of call time. */
  play(script: Script, untilMs = Infinity): Promise<void> {
    this.stop();
    this.sending = true;
    const t0 = performance.now();
    const startAt = this.callTimeMs;
    return new Promise((resolve) => {
      const tick = () => {
        if (!this.sending) return resolve();
        const due = startAt + (performance.now() - t0);
        while (this.callTimeMs <= due && this.callTimeMs < untilMs) this.sendFrame(script);
        if (this.callTimeMs >= untilMs) {
          this.sending = false;
          return resolve();
        }
        this.timer = setTimeout(tick, 5);
      };
      tick();
    });
  }

  stop(): void {
    this.sending = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async close(): Promise<void> {
    this.stop();
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.send({ timestamp: Date.now(), event: 'closed', data: { call_id: this.callId, channel: 'stereo' } });
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
      setTimeout(resolve, 2000).unref();
    });
  }
}

/** 16-bit mono samples of a PCM WAV (the test bot sends 8 kHz mono), or null. */
export function wavSamples(bytes: Buffer): Int16Array | null {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF') return null;
  let off = 12;
  while (off + 8 <= bytes.length) {
    const id = bytes.toString('ascii', off, off + 4);
    const size = bytes.readUInt32LE(off + 4);
    if (id === 'data') {
      const n = Math.floor(Math.min(size, bytes.length - off - 8) / 2);
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = bytes.readInt16LE(off + 8 + i * 2);
      return out;
    }
    off += 8 + size + (size & 1);
  }
  return null;
}

/** A 16-bit mono 8 kHz WAV of a 440 Hz tone. */
export function toneWav(ms: number, amplitude: number): Buffer {
  const n = Math.round((ms * RATE) / 1000);
  const data = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / RATE) * amplitude * 32767), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}
