// `npm run endpoint -- --port P --path /server/ws [--tls] [--record-dir DIR] [--upstream URL] [--greeting FILE]`
// Runs the embedded bot endpoint without the UI: one JSON line when ready, one per call start and
// end; SIGINT/SIGTERM end every call, finalise recordings, then exit 0.
import path from 'node:path';
import { endpointSettingsSchema } from '../../../shared/contract/endpoint';
import { createLogger } from '../../logger';
import { defaultDataDir } from '../../paths';
import { EndpointService } from '../../endpoint/endpoint-service';
import { CliUsageError, parseCliArgs, parsePortFlag, type CliCommand } from '../command';

const usage = `Usage: npm run endpoint -- [options]

Runs the embedded bot endpoint PSR streams calls to, records every call and logs its events.

Options:
  --host H            address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)
  --port N            port (default 8000; 0 picks a free one)
  --path P            WebSocket path (default /server/ws)
  --tls               wss:// with the kept self-signed certificate (or --cert/--key)
  --cert FILE         PEM certificate (with --key) instead of the self-signed one
  --key FILE          PEM private key
  --record-dir DIR    where recordings and event logs go (default <data-dir>/recordings)
  --data-dir DIR      where the certificate is kept (default $PSR_CONSOLE_DATA_DIR or ~/.local/share/psr-console)
  --upstream URL      tap mode: relay every call to this bot (ws:// or wss://)
  --greeting FILE     WAV sent as a media action (is_sync) on connected
  -h, --help          this text

stdout: {"event":"ready","url":...}, then {"event":"call-start",...} and {"event":"call-end",...}
per call. Logs go to stderr. Stop with Ctrl+C (recordings are finalised first).`;

export const endpointCommand: CliCommand = {
  name: 'endpoint',
  summary: 'run the embedded bot endpoint (records calls, tap mode, greeting)',
  usage,
  async run(argv, io) {
    const values = parseCliArgs(argv, {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8000' },
        path: { type: 'string', default: '/server/ws' },
        tls: { type: 'boolean', default: false },
        cert: { type: 'string' },
        key: { type: 'string' },
        'record-dir': { type: 'string' },
        'data-dir': { type: 'string' },
        upstream: { type: 'string' },
        greeting: { type: 'string' },
      });
    parsePortFlag(values.port);
    if ((values.cert === undefined) !== (values.key === undefined)) throw new CliUsageError('--cert and --key: expected both or neither');
    const parsed = endpointSettingsSchema.safeParse({
      host: values.host,
      port: Number(values.port),
      path: values.path,
      tls: values.tls || values.cert !== undefined,
      certPath: values.cert ? path.resolve(values.cert) : null,
      keyPath: values.key ? path.resolve(values.key) : null,
      upstreamUrl: values.upstream ?? null,
      greetingPath: values.greeting ? path.resolve(values.greeting) : null,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CliUsageError(`--${String(issue.path[0] ?? 'option').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: expected ${issue.message}`);
    }
    const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir(io.env));
    const recordingsDir = path.resolve(values['record-dir'] ?? path.join(dataDir, 'recordings'));
    const service = new EndpointService({ dataDir, recordingsDir, logger: createLogger() });
    service.onCall({
      started: (c) => io.out({ event: 'call-start', callId: c.callId, tenant: c.tenant, channel: c.channel, legs: c.legs, query: c.query, recording: c.recordingPath, at: c.startedAt }),
      ended: (c) => io.out({ event: 'call-end', callId: c.callId, reason: c.reason, recording: c.recordingPath, stats: c.stats, at: c.endedAt }),
    });
    const st = await service.start(parsed.data);
    io.out({ event: 'ready', url: st.localUrl, port: st.port, tls: st.tls, fingerprint256: st.fingerprint256, recordingsDir, upstream: st.upstreamUrl, greeting: st.greeting });
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.err('endpoint: stopping, finalising recordings…');
    await service.dispose();
    io.out({ event: 'stopped' });
    return 0;
  },
};
