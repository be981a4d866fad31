// App services for Node modes (web, CLI): conf settings + an owner-only token file.
import path from 'node:path';
import { createAppServices, type AppServices } from '../app-services';
import type { AppContext } from '../app-context';
import type { Logger } from '../logger';
import { projectRoot, readVersion } from '../paths';
import { openConfSettings } from '../settings/conf-settings';
import { openFileSecrets } from '../settings/file-secrets';

export function createNodeAppServices(opts: { dataDir: string; recordingsDir?: string; logger?: Logger; clipboard?: AppContext['clipboard'] }): AppServices {
  const settings = openConfSettings(opts.dataDir);
  const secrets = openFileSecrets(opts.dataDir, (r) => settings.recordReset(r));
  const root = projectRoot();
  return createAppServices({
    mode: 'web',
    version: readVersion(root),
    dataDir: opts.dataDir,
    recordingsDir: opts.recordingsDir,
    resourcesDir: path.join(root, 'resources'),
    settings,
    secrets,
    logger: opts.logger,
    ...(opts.clipboard ? { clipboard: opts.clipboard } : {}),
  });
}
