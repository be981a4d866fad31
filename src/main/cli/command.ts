// The shape of one `npm run cli -- <command>` subcommand.

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
