// Calls domain: call library, log paging, export/import/replay.
import type { DomainHandlers } from '../api/dispatcher';
import { subscribeCall } from '../api/event-bus';
import type { AppContext, Domain } from '../app-context';
import { CallsService } from '../calls/calls-service';
import type { HistoryItem } from '../calls/library';
import type { EndpointDomain } from './endpoint';
import type { PsrDomain } from './psr';
import type { SimulatorDomain } from './simulator';

type CallsCallName =
  | 'calls:live'
  | 'calls:list'
  | 'calls:get'
  | 'calls:logPage'
  | 'calls:logRows'
  | 'calls:logEntry'
  | 'calls:recording'
  | 'calls:export'
  | 'calls:import'
  | 'calls:delete'
  | 'calls:replay'
  | 'calls:listen'
  | 'calls:stopReplay';

export type CallsDomain = Domain<DomainHandlers<CallsCallName>, CallsService>;

export function createCallsDomain(
  ctx: AppContext,
  deps: { endpoint: EndpointDomain['service']; simulator: SimulatorDomain['service']; psr: PsrDomain['service'] },
): CallsDomain {
  const service = new CallsService({
    recordingsDir: ctx.recordingsDir,
    events: ctx.events,
    logger: ctx.logger.child({ domain: 'calls' }),
    now: ctx.now,
    secrets: () => ctx.profiles.allTokens(),
    presenter: () => (ctx.settings.get<{ presenterMode?: boolean }>('ui')?.presenterMode ?? false) === true,
    history: historyFrom(deps.psr),
  });
  const offInterest = ctx.events.onInterest((callId, on) => service.setListening(callId, on));
  return {
    service,
    handlers: {
      'calls:live': () => ({ calls: service.live() }),
      'calls:list': async () => ({ calls: await service.list() }),
      'calls:get': ({ callId }) => service.get(callId),
      'calls:logPage': (q) => service.logPage(q),
      'calls:logRows': (q) => service.logRows(q),
      'calls:logEntry': ({ callId, seq }) => service.logEntry(callId, seq),
      'calls:recording': ({ callId, recordingId }) => service.recording(callId, recordingId),
      'calls:export': ({ callId }) => service.export(callId),
      'calls:import': ({ content }) => service.import(content),
      'calls:delete': async ({ callId }) => {
        await service.delete(callId);
        return { ok: true as const };
      },
      'calls:replay': ({ callId, speed }) => service.replay(callId, speed),
      'calls:listen': ({ callId, on }, c) => {
        subscribeCall(c.client, callId, on, (v) => service.setListening(callId, v));
        return { ok: true as const };
      },
      'calls:stopReplay': ({ replayCallId }) => {
        service.stopReplay(replayCallId);
        return { ok: true as const };
      },
    },
    dispose: () => {
      offInterest();
      return service.dispose();
    },
  };
}

/** Create-stream history (saved requests with responses, never tokens) as library entries. */
function historyFrom(psr: PsrDomain['service'] | null | undefined): (() => Promise<HistoryItem[]>) | undefined {
  if (!psr?.history) return undefined;
  return async () =>
    psr.history.list().map((h) => ({
      callId: h.response?.data.call_id ?? null,
      at: h.at,
      request: h.request,
      response: h.response,
    }));
}
