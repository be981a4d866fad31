// `npm run cli -- endpoint`: filled in by the endpoint work.
import type { CliCommand } from '../command';

export const endpointCommand: CliCommand = {
  name: 'endpoint',
  summary: '(not built yet)',
  usage: 'Usage: npm run cli -- endpoint  (not built yet)\n',
  async run(_argv, io) {
    io.err('endpoint: not built yet');
    return 1;
  },
};
