// The endpoint side of `npm run soak`, in its own process (forked by bench/soak.ts with an IPC channel):
// one embedded endpoint on 127.0.0.1, port 0, recording into the folder given as argv[2]. It tells the
// parent its URL, answers `stats` with its own RSS, heap and event-loop delay (after a GC, so figures
// are comparable), and closes on `close`. The load generator's work never shows in these figures.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EndpointServer } from '../src/main/endpoint/endpoint-server';
import { silentLogger } from '../src/main/logger';

export type SoakRequest = { type: 'stats' } | { type: 'close' };
export type SoakReply =
  | { type: 'ready'; url: string }
  | { type: 'stats'; rssMb: number; heapMb: number; externalMb: number; eventLoopP99Ms: number; eventLoopMaxMs: number }
  | { type: 'closed' };

const recordingsDir = process.argv[2];
if (!recordingsDir || !process.send) {
  process.stderr.write('soak-endpoint: run by bench/soak.ts (needs a recordings folder and an IPC channel)\n');
  process.exit(2);
}
const send = (m: SoakReply) => process.send!(m);
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

const server = await EndpointServer.listen({ host: '127.0.0.1', port: 0, path: '/server/ws', tls: null, recordingsDir, logger: silentLogger });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

process.on('message', (m: SoakRequest) => {
  if (m.type === 'stats') {
    (globalThis as { gc?: () => void }).gc?.();
    const u = process.memoryUsage();
    send({ type: 'stats', rssMb: mb(u.rss), heapMb: mb(u.heapUsed), externalMb: mb(u.external + u.arrayBuffers), eventLoopP99Ms: delay.percentile(99) / 1e6, eventLoopMaxMs: delay.max / 1e6 });
  } else if (m.type === 'close') {
    delay.disable();
    void server.close().then(() => {
      send({ type: 'closed' });
      process.disconnect();
    });
  }
});
// The parent gone (killed, crashed): do not outlive it.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', url: server.url });
