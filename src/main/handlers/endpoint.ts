// Endpoint domain (issue 3): the embedded bot endpoint. Also answers live:listen.
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';

export type EndpointDomain = Domain<DomainHandlers<'live:listen'>, null>;

export function createEndpointDomain(_ctx: AppContext): EndpointDomain {
  return {
    handlers: { 'live:listen': () => ({ ok: true as const }) },
    service: null,
    dispose: async () => {},
  };
}
