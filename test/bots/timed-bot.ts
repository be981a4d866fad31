// A test bot whose reply timing is known by construction: it greets, answers each caller turn
// exactly `replyDelayMs` after the caller's last word (counted in stream time, from the `media`
// frames it receives), and hangs up after its last reply. Library use: startTimedBot(); also a
// command: `npx tsx test/bots/timed-bot.ts --port 8000 --reply-ms 500`.
import { pathToFileURL } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';

export interface TimedBotOptions {
  port?: number;
  /** Leg-A audio the bot plays on `connected` (8 kHz mono). */
  greeting: Int16Array;
  /** One reply per caller turn; after the last one the bot hangs up. */
  replies: Int16Array[];
  replyDelayMs: number;
  /** Silence after the caller's last word before the bot decides the turn is over (≤ replyDelayMs). */
  endOfTurnMs?: number;
  hangupAfterMs?: number;
  /** Sample rate of the WAVs the bot sends (16000 to imitate the vendor demo bot). */
  wavRate?: 8000 | 16000;
  /** Instead of hanging up, transfer to this extension after the last reply. */
  transferTo?: string;
}

export interface TimedBot {
  url: string;
  /** The query of every connection, in order. */
  queries: Record<string, string>[];
  /** Per call: stream time (ms) of each caller's last word the bot detected. */
  turnEnds: number[][];
  close(): Promise<void>;
}

const LOUD = 180;

export function wav16(pcm: Int16Array, rate: number): Buffer {
  let samples = pcm;
  if (rate === 16000) {
    samples = new Int16Array(pcm.length * 2);
    for (let i = 0; i < pcm.length; i++) samples[2 * i] = samples[2 * i + 1] = pcm[i]!;
  }
  const b = Buffer.alloc(44 + samples.length * 2);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + samples.length * 2, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) b.writeInt16LE(samples[i]!, 44 + 2 * i);
  return b;
}

export function tone(ms: number, hz: number, amp = 8000): Int16Array {
  const n = Math.round(ms * 8);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amp * Math.sin((2 * Math.PI * hz * i) / 8000));
  return out;
}

export function startTimedBot(opts: TimedBotOptions): Promise<TimedBot> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: opts.port ?? 0 });
  const queries: Record<string, string>[] = [];
  const turnEnds: number[][] = [];
  const endOfTurn = Math.min(opts.endOfTurnMs ?? 300, opts.replyDelayMs);
  wss.on('connection', (ws: WebSocket, req) => {
    queries.push(Object.fromEntries(new URL(req.url ?? '/', 'ws://x').searchParams));
    const ends: number[] = [];
    turnEnds.push(ends);
    let frames = 0; // stream time = frames·20 ms
    let channel = 'stereo';
    let speaking = false;
    let lastLoudMs = -1;
    let replyAtMs = -1;
    let hangupAtMs = -1;
    let next = 0;
    let done = false;
    const send = (pcm: Int16Array) => ws.send(JSON.stringify({ event: 'media', media: { payload: wav16(pcm, opts.wavRate ?? 8000).toString('base64'), is_sync: true } }));
    ws.on('message', (data) => {
      if (done) return;
      let msg: { event?: string; media?: { payload?: string }; data?: { channel?: string } };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      if (msg.event === 'connected') {
        channel = msg.data?.channel ?? 'stereo';
        send(opts.greeting);
        return;
      }
      if (msg.event !== 'media' || !msg.media?.payload) return;
      const bytes = Buffer.from(msg.media.payload, 'base64');
      const t0 = frames * 20;
      frames++;
      // Leg B: the right channel of stereo, all of mono_b; mono_a carries no caller audio.
      const step = channel === 'stereo' ? 4 : 2;
      const off = channel === 'stereo' ? 2 : 0;
      if (channel !== 'mono_a') {
        const n = Math.floor(bytes.length / step);
        for (let i = 0; i < n; i++) {
          const v = bytes.readInt16LE(i * step + off);
          if (v > LOUD || v < -LOUD) {
            lastLoudMs = t0 + (i + 1) / 8;
            speaking = true;
          }
        }
      }
      const now = frames * 20; // end of this frame
      if (speaking && now - lastLoudMs >= endOfTurn && replyAtMs < 0 && next < opts.replies.length) {
        speaking = false;
        ends.push(lastLoudMs);
        replyAtMs = lastLoudMs + opts.replyDelayMs;
      }
      // PSR plays what arrives before its next frame: send when the next frame starts at or after the due time.
      if (replyAtMs >= 0 && now >= replyAtMs) {
        const reply = opts.replies[next++]!;
        send(reply);
        replyAtMs = -1;
        if (next >= opts.replies.length) hangupAtMs = now + reply.length / 8 + (opts.hangupAfterMs ?? 300);
      }
      if (hangupAtMs >= 0 && now >= hangupAtMs) {
        done = true;
        ws.send(JSON.stringify(opts.transferTo ? { event: 'transfer', data: { extension: opts.transferTo } } : { event: 'hangup' }));
      }
    });
  });
  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      const port = (wss.address() as { port: number }).port;
      resolve({
        url: `ws://127.0.0.1:${port}/bot`,
        queries,
        turnEnds,
        close: () =>
          new Promise<void>((r) => {
            for (const c of wss.clients) c.terminate();
            wss.close(() => r());
          }),
      });
    });
  });
}

// As a command: a bot for CI examples (greets, answers each turn after --reply-ms, hangs up after two replies).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, d: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1]! : d;
  };
  void startTimedBot({
    port: Number(arg('port', '8000')),
    greeting: tone(1000, 440),
    replies: [tone(800, 660), tone(800, 550)],
    replyDelayMs: Number(arg('reply-ms', '500')),
  }).then((b) => process.stdout.write(JSON.stringify({ event: 'ready', url: b.url }) + '\n'));
}
