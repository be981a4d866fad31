// Simulator domain: the offline PSR simulator, and the demo call (src/main/demo). Thin: the services do the work.
import path from 'node:path';
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import { SIMULATOR_PROFILE_ID } from '../profiles/profiles-service';
import { DemoCall, demoScriptLines } from '../demo/demo-call';
import { SimulatorService } from '../simulator/simulator-service';
import type { EndpointDomain } from './endpoint';

type SimulatorCallNames =
  | 'simulator:status'
  | 'simulator:start'
  | 'simulator:stop'
  | 'simulator:saveSettings'
  | 'simulator:hangup'
  | 'simulator:micFrames'
  | 'simulator:startDemoCall'
  | 'simulator:recording';

/** The simulator's domain, and the demo call (its bot is also what bot tests run against by default). */
export type SimulatorDomain = Domain<DomainHandlers<SimulatorCallNames>, SimulatorService> & { demo: DemoCall };

export function createSimulatorDomain(ctx: AppContext, deps: { endpoint: EndpointDomain['service'] }): SimulatorDomain {
  const logger = ctx.logger.child({ domain: 'simulator' });
  const service = new SimulatorService({
    recordDir: path.join(ctx.recordingsDir, 'simulator'),
    resourcesDir: ctx.resourcesDir,
    logger,
    settings: ctx.settings,
    token: () => {
      try {
        return ctx.profiles.credentials(SIMULATOR_PROFILE_ID).token;
      } catch {
        return undefined;
      }
    },
    emit: {
      changed: (status) => ctx.events.emit('simulator:changed', status),
      legAudio: (callId, pcm) => ctx.events.emit('simulator:legAudio', { callId, sampleRate: 8000, pcm }),
    },
    scriptLines: demoScriptLines(ctx.resourcesDir, logger),
  });
  const demo = new DemoCall({ simulator: service, endpoint: deps.endpoint, resourcesDir: ctx.resourcesDir, logger });
  const ok = { ok: true as const };
  return {
    service,
    demo,
    handlers: {
      'simulator:status': () => service.status(),
      'simulator:start': () => service.start(),
      'simulator:stop': () => service.stop(),
      'simulator:saveSettings': (patch) => service.saveSettings(patch),
      'simulator:hangup': async ({ callId }) => (await service.hangup(callId), ok),
      'simulator:micFrames': ({ pcm, callId }) => ({ ok: true as const, calls: service.micFrames(pcm, callId) }),
      'simulator:startDemoCall': (args) => demo.start(args),
      'simulator:recording': ({ callId, kind }) => service.recording(callId, kind),
    },
    dispose: () => service.dispose(),
  };
}
