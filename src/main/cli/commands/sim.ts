// `npm run cli -- sim`: filled in by the sim work.
import type { CliCommand } from '../command';

export const simCommand: CliCommand = {
  name: 'sim',
  summary: '(not built yet)',
  usage: 'Usage: npm run cli -- sim  (not built yet)\n',
  async run(_argv, io) {
    io.err('sim: not built yet');
    return 1;
  },
};
