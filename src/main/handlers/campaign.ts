// Campaign domain: run a campaign from the app. Thin: the service does the work.
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import { CampaignService } from '../campaign/campaign-service';

export type CampaignDomain = Domain<DomainHandlers<'campaign:status' | 'campaign:start' | 'campaign:stop' | 'campaign:watch'>, CampaignService>;

export function createCampaignDomain(ctx: AppContext): CampaignDomain {
  const service = new CampaignService({
    dataDir: ctx.dataDir,
    logger: ctx.logger.child({ domain: 'campaign' }),
    emit: {
      progress: (id, point, calls) => ctx.events.emit('campaign:progress', { id, point, ...calls }),
      changed: (status) => ctx.events.emit('campaign:changed', status),
    },
    emitLive: (name, payload) => ctx.events.emit(name, payload),
    isListened: (callId) => ctx.events.isSubscribed(callId),
  });
  return {
    service,
    handlers: {
      'campaign:status': () => service.status(),
      'campaign:start': (settings) => service.start(settings),
      'campaign:stop': () => service.stop(),
      'campaign:watch': ({ index }) => service.watch(index),
    },
    dispose: () => service.dispose(),
  };
}
