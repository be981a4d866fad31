// The zero-set-up demo: the offline simulator (PSR's side), the embedded endpoint with the demo bot
// (the bot's side), and a call between them. This module sits above the three; none of them knows
// about the others. The demo bot only speaks on calls that carry the demo parameter.
import { AppError } from '../../shared/errors';
import type { LegBModeArg } from '../../shared/contract/simulator';
import { DemoBot } from '../demo-bot/demo-bot';
import { loadPrompts, type PromptLanguage } from '../demo-bot/prompts';
import type { EndpointBot } from '../endpoint/bot';
import type { Logger } from '../logger';
import type { SimulatorService } from '../simulator/simulator-service';

/** Query parameter (from the create-stream `parameter` field) that marks a demo call and its language. */
export const DEMO_PARAM = 'psr_console_demo';

/** What the demo needs from the endpoint service. */
export interface EndpointForDemo {
  setBot(bot: EndpointBot | null): void;
  start(patch?: { port?: number }): Promise<{ running: boolean; localUrl: string | null; upstreamUrl: string | null }>;
  status(): { running: boolean; localUrl: string | null; upstreamUrl: string | null };
}

export interface DemoCallResult {
  callId: string;
  simulatorCallId: string;
  baseUrl: string;
  botUrl: string;
  legB: LegBModeArg;
}

/** The customer's lines of the demo script, for the simulator's scripted leg B. */
export function demoScriptLines(resourcesDir: string, logger: Logger): (lang: PromptLanguage) => Int16Array[] {
  return (lang) => {
    try {
      return loadPrompts(resourcesDir, lang).customer.map((c) => c.pcm);
    } catch (e) {
      logger.warn('demo.script_missing', { error: e instanceof Error ? e.message : String(e) });
      return [];
    }
  };
}

export class DemoCall {
  readonly bot: DemoBot;

  constructor(
    private readonly deps: {
      simulator: SimulatorService;
      endpoint: EndpointForDemo | null;
      resourcesDir: string;
      logger: Logger;
    },
  ) {
    this.bot = new DemoBot({
      prompts: (call) => {
        const lang = call.query[DEMO_PARAM];
        if (lang !== 'en' && lang !== 'vi') return null; // not a demo call: the bot stays silent
        return loadPrompts(deps.resourcesDir, lang).bot;
      },
    });
  }

  async start(args: { legB?: LegBModeArg; language?: PromptLanguage } = {}): Promise<DemoCallResult> {
    const { endpoint, simulator } = this.deps;
    if (!endpoint) throw new AppError('SIM_DEMO_UNAVAILABLE', 'the embedded endpoint is not available in this mode');
    const language = args.language ?? simulator.getSettings().language;
    loadPrompts(this.deps.resourcesDir, language); // fail early if the prompts are missing
    await simulator.ensureRunning();
    endpoint.setBot(this.bot);
    let st = endpoint.status();
    if (!st.running) {
      try {
        st = await endpoint.start();
      } catch (e) {
        // Its port is busy (another app, a test): a free port is as good for a loopback demo.
        this.deps.logger.warn('demo.endpoint_port', { error: e instanceof Error ? e.message : String(e) });
        st = await endpoint.start({ port: 0 });
      }
    }
    if (!st.localUrl) throw new AppError('SIM_DEMO_UNAVAILABLE', 'the embedded endpoint did not start');
    if (st.upstreamUrl) {
      throw new AppError('SIM_DEMO_TAP_MODE', 'the endpoint relays calls to an upstream bot (tap mode); clear its upstream URL to run the demo bot', 'upstreamUrl');
    }
    const legB = args.legB ?? 'mic';
    const { call, baseUrl } = await simulator.placeCall(
      { url: st.localUrl, destination: '0900000000', app: 'bot', channel: 'stereo', extension: null, isSilence: true, audio: null, audioFileName: null, parameter: { [DEMO_PARAM]: language } },
      { legB, outcome: 'answer', ringMs: 300, trustSelfSigned: true, tenant: 'demo' },
      { demo: true },
    );
    return { callId: call.id, simulatorCallId: call.id, baseUrl, botUrl: st.localUrl, legB };
  }
}
