// Endpoint domain: the embedded bot endpoint. Also answers live:listen.
// Thin: arguments arrive validated; the service does the work.
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import { EndpointService } from '../endpoint/endpoint-service';
import { checkTlsPaths } from '../endpoint/tls';
import { subscribeCall } from '../api/event-bus';

type EndpointCallNames =
  | 'endpoint:status'
  | 'endpoint:getSettings'
  | 'endpoint:saveSettings'
  | 'endpoint:start'
  | 'endpoint:stop'
  | 'endpoint:inspectAudio'
  | 'endpoint:sendMedia'
  | 'endpoint:streamChunks'
  | 'endpoint:stopChunks'
  | 'endpoint:transfer'
  | 'endpoint:hangup'
  | 'endpoint:sendRaw'
  | 'endpoint:setGreeting'
  | 'live:listen';

export type EndpointDomain = Domain<DomainHandlers<EndpointCallNames>, EndpointService>;

export function createEndpointDomain(ctx: AppContext): EndpointDomain {
  const service = new EndpointService({
    dataDir: ctx.dataDir,
    recordingsDir: ctx.recordingsDir,
    logger: ctx.logger.child({ domain: 'endpoint' }),
    now: ctx.now,
    emit: (name, payload) => ctx.events.emit(name, payload),
    settings: ctx.settings,
  });
  const ok = { ok: true as const };
  // Call audio is produced while some client listens to the call (per-call subscriptions on the bus).
  const offInterest = ctx.events.onInterest((callId, on) => service.setListening(callId, on));
  return {
    service,
    handlers: {
      'endpoint:status': () => service.status(),
      'endpoint:sendRaw': ({ callId, text }) => service.sendRaw(callId, text),
      'endpoint:getSettings': () => service.getSettings(),
      // TLS paths that cannot be a certificate or key are refused when entered, before they are saved.
      'endpoint:saveSettings': async (patch) => {
        await checkTlsPaths(patch, service.getSettings());
        return service.saveSettings(patch);
      },
      'endpoint:start': async (patch) => {
        await checkTlsPaths(patch, service.getSettings());
        return service.start(patch, { save: true });
      },
      'endpoint:stop': () => service.stop(),
      'endpoint:inspectAudio': ({ file }) => service.inspectAudio(file),
      'endpoint:sendMedia': ({ callId, file, isSync, convert }) => service.sendMedia(callId, file, isSync, convert),
      'endpoint:streamChunks': ({ callId, file, format, chunkMs }) => service.streamChunks(callId, file, format, chunkMs),
      'endpoint:stopChunks': ({ callId }) => (service.stopChunks(callId), ok),
      'endpoint:transfer': ({ callId, extension }) => (service.transfer(callId, extension), ok),
      'endpoint:hangup': ({ callId }) => (service.hangup(callId), ok),
      'endpoint:setGreeting': ({ file }) => service.setGreeting(file),
      'live:listen': ({ callId, on }, c) => (subscribeCall(c.client, callId, on, (v) => service.setListening(callId, v)), ok),
    },
    dispose: () => {
      offInterest();
      return service.dispose();
    },
  };
}
