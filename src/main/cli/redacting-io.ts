// CLI output with every form of every known token scrubbed (stderr text and stdout JSON alike).
import { createRedactor, redactDeep } from '../../shared/redact';
import type { CliIo } from './command';

export function redactingIo(io: CliIo, secrets: () => Iterable<string | undefined | null>): CliIo {
  const redact = createRedactor(secrets);
  return {
    ...io,
    err: (text) => io.err(redact(text)),
    out: (event) => io.out(redactDeep(event, redact)),
  };
}
