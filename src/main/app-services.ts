// Builds every main-process service and the dispatcher, for the desktop app, web mode and tests alike.
// No Electron here: the desktop entry passes electron-store and safeStorage in as plain interfaces.
import path from 'node:path';
import { Dispatcher, type Handlers } from './api/dispatcher';
import { EventBus } from './api/event-bus';
import type { AppContext } from './app-context';
import { appHandlers } from './handlers/app';
import { createCallsDomain } from './handlers/calls';
import { createCampaignDomain } from './handlers/campaign';
import { createEndpointDomain } from './handlers/endpoint';
import { profilesHandlers } from './handlers/profiles';
import { createPsrDomain } from './handlers/psr';
import { createSimulatorDomain } from './handlers/simulator';
import { createRedactor } from '../shared/redact';
import { createTestsDomain } from './handlers/tests';
import { createLogger, type Logger } from './logger';
import { ProfilesService } from './profiles/profiles-service';
import { ownerOnlyDir } from './settings/owner-only';
import type { SecretStore, SettingsStore } from './settings/settings-store';

export interface AppServicesOptions {
  mode: 'desktop' | 'web';
  version: string;
  dataDir: string;
  recordingsDir?: string;
  resourcesDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  logger?: Logger;
  now?: () => number;
  clipboard?: AppContext['clipboard'];
}

export interface AppServices {
  ctx: AppContext;
  dispatcher: Dispatcher;
  events: EventBus;
  profiles: ProfilesService;
  endpoint: ReturnType<typeof createEndpointDomain>['service'];
  simulator: ReturnType<typeof createSimulatorDomain>['service'];
  psr: ReturnType<typeof createPsrDomain>['service'];
  calls: ReturnType<typeof createCallsDomain>['service'];
  dispose(): Promise<void>;
}

export function createAppServices(opts: AppServicesOptions): AppServices {
  const recordingsDir = opts.recordingsDir ?? path.join(opts.dataDir, 'recordings');
  ownerOnlyDir(opts.dataDir);
  ownerOnlyDir(recordingsDir);
  const profiles = new ProfilesService(opts.settings, opts.secrets);
  const logger = opts.logger ?? createLogger({ secrets: () => profiles.allTokens() });
  const events = new EventBus();
  const ctx: AppContext = {
    mode: opts.mode,
    version: opts.version,
    dataDir: opts.dataDir,
    recordingsDir,
    resourcesDir: opts.resourcesDir,
    settings: opts.settings,
    profiles,
    events,
    logger,
    now: opts.now ?? Date.now,
    ...(opts.clipboard ? { clipboard: opts.clipboard } : {}),
  };
  profiles.onChange((list) => events.emit('profiles:changed', list));

  const endpoint = createEndpointDomain(ctx);
  const simulator = createSimulatorDomain(ctx, { endpoint: endpoint.service });
  const psr = createPsrDomain(ctx, { endpoint: endpoint.service, simulator: simulator.service });
  const calls = createCallsDomain(ctx, { endpoint: endpoint.service, simulator: simulator.service, psr: psr.service });
  const campaign = createCampaignDomain(ctx);
  const tests = createTestsDomain(ctx, { endpoint: endpoint.service, demoBot: simulator.demo.bot });

  const handlers: Handlers = {
    ...appHandlers(ctx, opts.secrets),
    ...profilesHandlers(profiles),
    ...endpoint.handlers,
    ...simulator.handlers,
    ...psr.handlers,
    ...calls.handlers,
    ...campaign.handlers,
    ...tests.handlers,
  };
  const dispatcher = new Dispatcher(handlers, logger, createRedactor(() => profiles.allTokens()));

  return {
    ctx,
    dispatcher,
    events,
    profiles,
    endpoint: endpoint.service,
    simulator: simulator.service,
    psr: psr.service,
    calls: calls.service,
    async dispose() {
      // Reverse order of creation: dependents first.
      for (const d of [campaign, tests, calls, psr, simulator, endpoint]) {
        try {
          await d.dispose();
        } catch (e) {
          logger.warn('dispose.failed', { error: e instanceof Error ? e.message : String(e) });
        }
      }
    },
  };
}
