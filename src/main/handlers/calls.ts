// Calls domain (issue 6): call library, log paging, export/import/replay.
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import type { EndpointDomain } from './endpoint';
import type { PsrDomain } from './psr';
import type { SimulatorDomain } from './simulator';

export type CallsDomain = Domain<DomainHandlers<never>, null>;

export function createCallsDomain(
  _ctx: AppContext,
  _deps: { endpoint: EndpointDomain['service']; simulator: SimulatorDomain['service']; psr: PsrDomain['service'] },
): CallsDomain {
  return { handlers: {}, service: null, dispose: async () => {} };
}
