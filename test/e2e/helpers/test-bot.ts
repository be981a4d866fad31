// A test bot for tap mode: it hears the call (PSR's frames relayed by the endpoint), notices when
// the caller (leg B) stops talking, and answers with a `media` action a fixed time later.
import { WebSocketServer, type WebSocket } from 'ws';
import { RATE, toneWav } from './psr-stream';

export interface TestBot {
  url: string;
  /** Call time (ms) at which each caller turn ended, as the bot measured it. */
  callerStops: number[];
  close(): Promise<void>;
}

/** The bot answers `answerAfterMs` after the end of the caller's speech (in call audio time). */
export async function startTestBot(answerAfterMs: number, answerMs = 600): Promise<TestBot> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const callerStops: number[] = [];
  wss.on('connection', (ws: WebSocket) => {
    let samples = 0;
    let loud = false;
    let lastLoudEnd = -1;
    let answerAt: number | null = null;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let m: { event?: string; media?: { payload?: string } };
      try {
        m = JSON.parse(String(data));
      } catch {
        return;
      }
      if (m.event !== 'media' || typeof m.media?.payload !== 'string') return;
      const pcm = Buffer.from(m.media.payload, 'base64');
      const frames = Math.floor(pcm.length / 4);
      let sumSq = 0;
      for (let i = 0; i < frames; i++) {
        const b = pcm.readInt16LE(i * 4 + 2);
        sumSq += b * b;
      }
      const rmsDbfs = 20 * Math.log10(Math.sqrt(sumSq / Math.max(1, frames)) / 32768 + 1e-12);
      const endMs = ((samples + frames) / RATE) * 1000;
      samples += frames;
      if (rmsDbfs > -40) {
        loud = true;
        lastLoudEnd = endMs;
        answerAt = null;
      } else if (loud && endMs - lastLoudEnd >= 200) {
        // 200 ms of quiet: the caller has finished; answer relative to when they stopped.
        loud = false;
        callerStops.push(lastLoudEnd);
        answerAt = lastLoudEnd + answerAfterMs;
      }
      // Frames come every 20 ms: send half a frame early so PSR starts playing on time on average.
      if (answerAt !== null && endMs >= answerAt - 10) {
        answerAt = null;
        ws.send(JSON.stringify({ event: 'media', media: { payload: toneWav(answerMs, 0.3).toString('base64'), is_sync: false } }));
      }
    });
  });
  const address = wss.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${address.port}/bot`,
    callerStops,
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
}
