// `npm run cli -- call`: filled in by the call work.
import type { CliCommand } from '../command';

export const callCommand: CliCommand = {
  name: 'call',
  summary: '(not built yet)',
  usage: 'Usage: npm run cli -- call  (not built yet)\n',
  async run(_argv, io) {
    io.err('call: not built yet');
    return 1;
  },
};
