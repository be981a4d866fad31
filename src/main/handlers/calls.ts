// Calls domain (issue 6): call library, log paging, export/import/replay.
import type { DomainHandlers } from '../api/dispatcher';
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
  | 'calls:recording'
  | 'calls:export'
  | 'calls:import'
  | 'calls:delete'
  | 'calls:replay'
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
    history: historyFrom(deps.psr),
  });
  return {
    service,
    handlers: {
      'calls:live': () => ({ calls: service.live() }),
      'calls:list': async () => ({ calls: await service.list() }),
      'calls:get': ({ callId }) => service.get(callId),
      'calls:logPage': (q) => service.logPage(q),
      'calls:recording': ({ callId, recordingId }) => service.recording(callId, recordingId),
      'calls:export': ({ callId }) => service.export(callId),
      'calls:import': ({ content }) => service.import(content),
      'calls:delete': async ({ callId }) => {
        await service.delete(callId);
        return { ok: true as const };
      },
      'calls:replay': ({ callId, speed }) => service.replay(callId, speed),
      'calls:stopReplay': ({ replayCallId }) => {
        service.stopReplay(replayCallId);
        return { ok: true as const };
      },
    },
    dispose: () => service.dispose(),
  };
}

/**
 * The psr domain is written in parallel; its service may offer `history()` (saved create-stream
 * requests with responses, never tokens). Read it defensively so either shape works.
 */
function historyFrom(psr: unknown): (() => Promise<HistoryItem[]>) | undefined {
  const fn = (psr as { history?: unknown } | null)?.history;
  if (typeof fn !== 'function') return undefined;
  return async () => {
    const raw: unknown = await (fn as () => unknown).call(psr);
    const items = Array.isArray(raw) ? raw : Array.isArray((raw as { items?: unknown })?.items) ? (raw as { items: unknown[] }).items : [];
    return items.flatMap((it): HistoryItem[] => {
      if (!it || typeof it !== 'object') return [];
      const o = it as Record<string, unknown>;
      const response = o.response ?? null;
      const data = (response as { body?: { data?: { call_id?: unknown } }; data?: { call_id?: unknown } } | null) ?? null;
      const callId = typeof o.callId === 'string' ? o.callId : typeof data?.body?.data?.call_id === 'string' ? data.body.data.call_id : typeof data?.data?.call_id === 'string' ? data.data.call_id : null;
      return [{ callId, at: typeof o.at === 'number' ? o.at : undefined, request: o.request ?? null, response }];
    });
  };
}
