// Tests domain: bot-test scenario files run against a bot, and tests made from recorded calls. Thin.
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import { TestsService } from '../bot-tests/tests-service';
import type { EndpointDomain } from './endpoint';
import type { EndpointBot } from '../endpoint/bot';

type TestsCallNames = 'tests:scan' | 'tests:run' | 'tests:status' | 'tests:makeFromCall';

export type TestsDomain = Domain<DomainHandlers<TestsCallNames>, TestsService>;

export function createTestsDomain(ctx: AppContext, deps: { endpoint: EndpointDomain['service']; demoBot?: EndpointBot }): TestsDomain {
  const service = new TestsService({
    recordingsDir: ctx.recordingsDir,
    logger: ctx.logger.child({ domain: 'tests' }),
    emit: (view) => ctx.events.emit('tests:changed', view),
    endpoint: deps.endpoint,
    demoBot: deps.demoBot,
  });
  return {
    service,
    handlers: {
      'tests:scan': ({ paths }) => service.scan(paths),
      'tests:run': (args) => service.run(args),
      'tests:status': () => service.status(),
      'tests:makeFromCall': (args) => service.makeFromCall(args),
    },
    dispose: async () => {},
  };
}
