// Simulator domain (issue 5): the offline PSR simulator and the demo bot.
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import type { EndpointDomain } from './endpoint';

export type SimulatorDomain = Domain<DomainHandlers<never>, null>;

export function createSimulatorDomain(_ctx: AppContext, _deps: { endpoint: EndpointDomain['service'] }): SimulatorDomain {
  return { handlers: {}, service: null, dispose: async () => {} };
}
