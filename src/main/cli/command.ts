// The shape of one `npm run cli -- <command>` subcommand.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  /** One JSON line on stdout (machine-readable events: ready, call start/end…). */
  out(event: Record<string, unknown>): void;
  /** Human text on stderr. */
  err(text: string): void;
  /** Fired on SIGINT/SIGTERM: finish cleanly, then resolve run(). */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full --help text. */
  usage: string;
  /** Resolves to the exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Strict option parsing shared by every command: unknown flags become a usage error. */
export function parseCliArgs<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true as const, allowPositionals: false as const }).values;
  } catch (e) {
    throw new CliUsageError(e instanceof Error ? e.message : String(e));
  }
}

/** A TCP port flag: a whole number from 0 (any free port) to 65535. */
export function parsePortFlag(value: string, flag = '--port'): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new CliUsageError(`${flag}: expected a whole number from 0 to 65535, got '${value}'`);
  return port;
}
