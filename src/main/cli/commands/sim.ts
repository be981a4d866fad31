// `PSR_SIM_TOKEN=T npm run sim -- --port P [--token-file F] [--record-dir DIR] [--leg-b script|silence] [--trust-self-signed] [--max-call-seconds N]`
// The offline PSR simulator without the UI: one JSON line when ready, one per call start and end;
// SIGINT/SIGTERM end every call (`closed`, then close), finalise recordings, then exit 0.
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../logger';
import { defaultDataDir, projectRoot } from '../../paths';
import { loadPrompts } from '../../demo-bot/prompts';
import { DEFAULT_CALL_DEFAULTS, Simulator } from '../../simulator/simulator';
import { CliUsageError, parseCliArgs, type CliCommand } from '../command';

const usage = `Usage: npm run sim -- --port P [options]   (the token: $PSR_SIM_TOKEN or --token-file)

Runs the offline PSR simulator: PSR's create-stream API on 127.0.0.1, calls streamed to your bot,
recordings served at the response's URLs.

Options:
  --port N                port (0 picks a free one; default 8790)
  --token-file FILE       read the token clients must send (Bearer T, Basic T or T as is) from FILE;
                          or set $PSR_SIM_TOKEN. (--token T still works but shows the token
                          to every user of this machine in \`ps\`; it prints a warning.)
  --record-dir DIR        where recordings go (default <data-dir>/recordings/simulator)
  --leg-b MODE            the person called: script (bundled customer lines, spoken when the bot
                          stops talking) or silence (default silence)
  --lang en|vi            language of the script lines (default en)
  --ring-seconds N        ring time before answering (default 1; app=dial rings twice)
  --outcome O             answer | no-answer | busy (default answer)
  --tenant NAME           the tenant query parameter (default simulator)
  --tenant-server URL     base for relative create-stream urls (default ws://127.0.0.1:8000)
  --trust-self-signed     accept a self-signed certificate from a wss:// bot
  --max-call-seconds N    the called party hangs up after N seconds (default 300; 0 = no limit)
  -h, --help              this text

stdout: {"event":"ready","baseUrl":...}, then {"event":"call-start",...} and {"event":"call-end",...}
per call. Logs go to stderr. Stop with Ctrl+C (calls are closed and recordings finalised first).`;

/** The token from a file, $PSR_SIM_TOKEN, or (with a warning) the command line. */
export function simToken(file: string | undefined, env: string | undefined, flag: string | undefined, warn: (t: string) => void): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliUsageError(`--token-file: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    const token = text.trim();
    if (!token) throw new CliUsageError(`--token-file: ${file} is empty`);
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) warn(`sim: warning: ${file} is readable by other users; chmod 600 it`);
    return token;
  }
  if (env) return env;
  if (flag) {
    warn('sim: warning: --token puts the token in the process list (visible to other users in `ps`); use $PSR_SIM_TOKEN or --token-file instead');
    return flag;
  }
  throw new CliUsageError('token: set $PSR_SIM_TOKEN or pass --token-file FILE (the token clients must send)');
}

function whole(name: string, v: string, min: number, max: number): number {
  if (!/^\d+(\.\d+)?$/.test(v) || Number(v) < min || Number(v) > max) throw new CliUsageError(`--${name}: expected a number from ${min} to ${max}, got '${v}'`);
  return Number(v);
}

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'run the offline PSR simulator (create-stream API, streamed calls, recordings)',
  usage,
  async run(argv, io) {
    const values = parseCliArgs(argv, {
        port: { type: 'string', default: '8790' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        'record-dir': { type: 'string' },
        'leg-b': { type: 'string', default: 'silence' },
        lang: { type: 'string', default: 'en' },
        'ring-seconds': { type: 'string', default: '1' },
        outcome: { type: 'string', default: 'answer' },
        tenant: { type: 'string', default: 'simulator' },
        'tenant-server': { type: 'string', default: 'ws://127.0.0.1:8000' },
        'trust-self-signed': { type: 'boolean', default: false },
        'max-call-seconds': { type: 'string', default: '300' },
      });
    const port = whole('port', values.port, 0, 65535);
    const token = simToken(values['token-file'], io.env.PSR_SIM_TOKEN, values.token, io.err);
    const legB = values['leg-b'];
    if (legB !== 'script' && legB !== 'silence') throw new CliUsageError(`--leg-b: expected script or silence, got '${legB}'`);
    const lang = values.lang;
    if (lang !== 'en' && lang !== 'vi') throw new CliUsageError(`--lang: expected en or vi, got '${lang}'`);
    const outcome = values.outcome;
    if (outcome !== 'answer' && outcome !== 'no-answer' && outcome !== 'busy') throw new CliUsageError(`--outcome: expected answer, no-answer or busy, got '${outcome}'`);
    if (!/^wss?:\/\/[^\s/]+/.test(values['tenant-server'])) throw new CliUsageError(`--tenant-server: expected a ws:// or wss:// URL, got '${values['tenant-server']}'`);
    const ringMs = whole('ring-seconds', values['ring-seconds'], 0, 60) * 1000;
    const maxCallSeconds = Math.floor(whole('max-call-seconds', values['max-call-seconds'], 0, 86400));
    const recordDir = path.resolve(values['record-dir'] ?? path.join(defaultDataDir(io.env), 'recordings', 'simulator'));
    const logger = createLogger({ secrets: () => [token] });
    const scriptLines = legB === 'script' ? loadPrompts(path.join(projectRoot(), 'resources'), lang).customer.map((c) => c.pcm) : [];

    const sim = new Simulator({
      port,
      token: () => token,
      recordDir,
      logger,
      defaults: () => ({
        ...DEFAULT_CALL_DEFAULTS,
        legB,
        outcome,
        ringMs,
        maxCallSeconds,
        trustSelfSigned: values['trust-self-signed'],
        tenant: values.tenant,
        tenantServer: values['tenant-server'],
      }),
      scriptLines: () => scriptLines,
      onCallStarted: (c) =>
        io.out({ event: 'call-start', callId: c.id, app: c.request.app, channel: c.request.channel, botUrl: `${c.url.origin}${c.url.pathname}`, legB, at: c.createdAt }),
      onCallEnded: (c) =>
        io.out({
          event: 'call-end',
          callId: c.id,
          state: c.state,
          reason: c.reason,
          framesSent: c.framesSent,
          actions: c.actions,
          garbage: c.garbage,
          recording: c.mixedPath,
          fullRecording: c.fullPath,
          at: c.endedAt,
        }),
    });
    const { baseUrl } = await sim.start();
    io.out({ event: 'ready', baseUrl, port: Number(new URL(baseUrl).port), recordDir, legB, maxCallSeconds });
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.err('sim: stopping, closing calls and finalising recordings…');
    await sim.stop();
    io.out({ event: 'stopped' });
    return 0;
  },
};
