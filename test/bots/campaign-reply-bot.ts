// A test bot whose reply timing is known by construction, for campaign tests:
//  - on `connected` it plays a 300 ms greeting (`media`, is_sync);
//  - when the caller's leg B goes from sound to digital silence, it answers `delayMs` later with a
//    300 ms reply — so a measured turn latency should be delayMs (plus transport, a few ms);
//  - it checks every connection's query parameters: call_id, tenant, and one customer row's columns
//    exactly (matched by `keyColumn`); what it saw is in stats().
// Run in-process (startCampaignReplyBot) or as a child process:
//   tsx test/bots/campaign-reply-bot.ts --delay 500 [--customers file.csv --key ma_kh] [--truth out.json]
//   prints {"port":N} on stdout; on SIGTERM reports its stats as JSON (and writes stats and, per
//   call, each reply's actual delay, and the epoch ms at which it heard the end of speech and sent
//   the reply, to --truth); on "stats" over IPC, answers with its stats.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseCustomers } from '../../src/main/campaign/customers';
import { wavHeader } from '../../src/main/audio/wav-recorder';

export interface ReplyBotStats {
  connections: number;
  connectedEvents: number;
  replies: number;
  /** Customers (by key) whose every column arrived exactly. */
  customersMatched: number;
  /** Connections whose parameters did not match a customer row (first 20 described). */
  mismatches: string[];
  mismatchCount: number;
  missingCallId: number;
  closedEvents: number;
}

export interface ReplyBot {
  url: string;
  port: number;
  stats(): ReplyBotStats;
  /** Per call_id: the bot's actual reply delays (end-of-speech frame received → reply sent), ms. */
  actualDelays(): Map<string, number[]>;
  /** Per call_id, per reply: epoch ms (fractional) at which the bot heard the end of speech and sent its reply. */
  replyTimes(): Map<string, { heardAt: number; sentAt: number }[]>;
  close(): Promise<void>;
}

function tone(ms: number, hz = 440): Buffer {
  const n = (8000 * ms) / 1000;
  const wav = Buffer.alloc(44 + n * 2);
  wavHeader(1, 8000, n * 2).copy(wav);
  for (let i = 0; i < n; i++) wav.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / 8000)), 44 + i * 2);
  return wav;
}

export async function startCampaignReplyBot(opts: { delayMs: number; customers?: Record<string, string>[]; keyColumn?: string }): Promise<ReplyBot> {
  const greeting = JSON.stringify({ event: 'media', media: { payload: tone(300).toString('base64'), is_sync: true } });
  const reply = JSON.stringify({ event: 'media', media: { payload: tone(300, 660).toString('base64'), is_sync: true } });
  const byKey = new Map<string, Record<string, string>>();
  if (opts.customers && opts.keyColumn) for (const c of opts.customers) byKey.set(c[opts.keyColumn]!, c);
  const matched = new Set<string>();
  const actual = new Map<string, number[]>();
  const times = new Map<string, { heardAt: number; sentAt: number }[]>();
  const epoch = () => performance.timeOrigin + performance.now();
  const s: ReplyBotStats = { connections: 0, connectedEvents: 0, replies: 0, customersMatched: 0, mismatches: [], mismatchCount: 0, missingCallId: 0, closedEvents: 0 };
  const mismatch = (text: string) => {
    s.mismatchCount++;
    if (s.mismatches.length < 20) s.mismatches.push(text);
  };
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('connection', (ws: WebSocket, req) => {
    s.connections++;
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    if (!q.get('call_id') || !q.get('tenant')) s.missingCallId++;
    if (opts.keyColumn) {
      const key = q.get(opts.keyColumn) ?? '';
      const row = byKey.get(key);
      if (!row) mismatch(`no customer with ${opts.keyColumn}=${JSON.stringify(key)}`);
      else {
        const bad = Object.entries(row).filter(([k, v]) => q.get(k) !== v);
        if (bad.length) mismatch(`${key}: ${bad.map(([k, v]) => `${k} expected ${JSON.stringify(v)} got ${JSON.stringify(q.get(k))}`).join('; ')}`);
        else matched.add(key);
      }
    }
    const callId = q.get('call_id') ?? '';
    const delays: number[] = [];
    const sent: { heardAt: number; sentAt: number }[] = [];
    if (actual.size < 100_000) {
      actual.set(callId, delays);
      times.set(callId, sent);
    }
    let speaking = false;
    let timer: NodeJS.Timeout | null = null;
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      let m: { event?: string; media?: { payload?: string }; data?: { channel?: string } };
      try {
        m = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (m.event === 'connected') {
        s.connectedEvents++;
        ws.send(greeting);
      } else if (m.event === 'closed') s.closedEvents++;
      else if (m.event === 'media' && m.media?.payload) {
        const pcm = Buffer.from(m.media.payload, 'base64');
        const stereo = m.data?.channel === 'stereo';
        let sound = false;
        // Leg B: the right channel of stereo, the whole payload of mono_b.
        for (let i = stereo ? 2 : 0; i + 1 < pcm.length; i += stereo ? 4 : 2) {
          if (pcm.readInt16LE(i) !== 0) {
            sound = true;
            break;
          }
        }
        if (sound) {
          speaking = true;
          if (timer) clearTimeout(timer);
          timer = null;
        } else if (speaking) {
          speaking = false;
          const heard = performance.now();
          timer = setTimeout(() => {
            timer = null;
            s.replies++;
            const sentAt = epoch();
            if (ws.readyState === ws.OPEN) ws.send(reply);
            delays.push(performance.now() - heard);
            sent.push({ heardAt: performance.timeOrigin + heard, sentAt });
          }, opts.delayMs);
        }
      }
    });
    ws.on('close', () => {
      if (timer) clearTimeout(timer);
    });
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/bot`,
    port,
    stats: () => ({ ...s, customersMatched: matched.size }),
    actualDelays: () => actual,
    replyTimes: () => times,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

if (process.argv[1] && /campaign-reply-bot\.[tj]s$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { delay: { type: 'string', default: '500' }, customers: { type: 'string' }, key: { type: 'string' }, truth: { type: 'string' } } });
  const customers = values.customers ? parseCustomers(fs.readFileSync(values.customers, 'utf8')).rows : undefined;
  const bot = await startCampaignReplyBot({ delayMs: Number(values.delay), ...(customers ? { customers } : {}), ...(values.key ? { keyColumn: values.key } : {}) });
  process.stdout.write(JSON.stringify({ port: bot.port, url: bot.url }) + '\n');
  const report = () => process.stdout.write(JSON.stringify({ stats: bot.stats() }) + '\n');
  process.on('message', (m) => m === 'stats' && process.send?.({ stats: bot.stats() }));
  process.on('SIGTERM', () => {
    report();
    if (values.truth) fs.writeFileSync(values.truth, JSON.stringify({ stats: bot.stats(), delays: Object.fromEntries(bot.actualDelays()), times: Object.fromEntries(bot.replyTimes()) }));
    void bot.close().then(() => process.exit(0));
  });
}
