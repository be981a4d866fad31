// A small structured logger. Everything passes through redact() so a token never lands in a log.
import { redactSecrets } from '../shared/redact';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level?: Level;
  /** Where lines go; defaults to stderr so stdout stays clean for JSON events. */
  write?: (line: string) => void;
  /** Extra secrets to scrub (e.g. the tokens of all profiles). */
  secrets?: () => Iterable<string>;
}

export function createLogger(opts: LoggerOptions = {}, base: Record<string, unknown> = {}): Logger {
  const min = order[opts.level ?? ((process.env.PSR_LOG_LEVEL as Level | undefined) ?? 'info')] ?? 20;
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const log = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...base, ...fields });
    write(redactSecrets(line, opts.secrets ? [...opts.secrets()] : []));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (f) => createLogger(opts, { ...base, ...f }),
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
