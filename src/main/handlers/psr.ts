// PSR domain (issue 4): the create-stream client, request builder support, history.
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import type { EndpointDomain } from './endpoint';
import type { SimulatorDomain } from './simulator';

export type PsrDomain = Domain<DomainHandlers<never>, null>;

export function createPsrDomain(
  _ctx: AppContext,
  _deps: { endpoint: EndpointDomain['service']; simulator: SimulatorDomain['service'] },
): PsrDomain {
  return { handlers: {}, service: null, dispose: async () => {} };
}
