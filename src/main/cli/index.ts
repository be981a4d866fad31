// `npm run cli -- <command> [options]`. Each command lives in ./commands/<name>.ts.
import { CliUsageError, type CliCommand, type CliIo } from './command';
import { callCommand } from './commands/call';
import { campaignCommand } from './commands/campaign';
import { endpointCommand } from './commands/endpoint';
import { simCommand } from './commands/sim';
import { testCommand } from './commands/test';
import { webCommand } from './commands/web';

const commands: CliCommand[] = [webCommand, simCommand, endpointCommand, callCommand, testCommand, campaignCommand];

function topUsage(): string {
  return [
    'PSR Console command line',
    '',
    'Usage: npm run cli -- <command> [options]    (each command also has --help)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(topUsage());
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`Unknown command '${name}'.\n\n${topUsage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.usage.endsWith('\n') ? cmd.usage : cmd.usage + '\n');
    return 0;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const io: CliIo = {
    out: (event) => process.stdout.write(JSON.stringify(event) + '\n'),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    signal: controller.signal,
    env: process.env,
  };
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.err(`${cmd.name}: ${e.message}\n\n${cmd.usage}`);
      return 2;
    }
    const code = (e as { code?: unknown }).code;
    io.err(`${cmd.name}: ${typeof code === 'string' ? `[${code}] ` : ''}${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Long-running services may leave timers; exit explicitly once the command is done.
    setImmediate(() => process.exit(code));
  },
  (e: unknown) => {
    process.stderr.write(String(e) + '\n');
    process.exit(1);
  },
);
