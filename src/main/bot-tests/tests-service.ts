// The app's bot-test service (Tests screen): scans scenario files, runs them against a bot (a URL,
// the embedded endpoint's demo bot, or the endpoint relaying to its upstream bot, so the calls show
// in the live view), records every call into the call library, and reports results as they land.
import crypto from 'node:crypto';
import path from 'node:path';
import type { ScenarioFileView, TestBot, TestRunView } from '../../shared/contract/tests';
import { AppError, isAppError } from '../../shared/errors';
import type { Logger } from '../logger';
import type { EndpointService } from '../endpoint/endpoint-service';
import type { EndpointBot } from '../endpoint/bot';
import { findScenarioFiles, loadScenarioFile } from './load-scenario';
import { makeTestFromCall } from './make-test';
import { compileAll, runScenarios } from './runner';

export interface TestsServiceOptions {
  recordingsDir: string;
  logger: Logger;
  emit(view: TestRunView): void;
  endpoint?: EndpointService;
  /** The demo bot the endpoint runs for demo calls. */
  demoBot?: EndpointBot;
}

const DEMO_PARAM = 'psr_console_demo';
const MAX_SCAN = 500;

function emptyView(): TestRunView {
  return { runId: null, running: false, bot: null, total: 0, files: [], results: [], invalid: [], unreachable: [], startedAt: null, endedAt: null };
}

export class TestsService {
  private view: TestRunView = emptyView();

  constructor(private readonly opts: TestsServiceOptions) {}

  get recordDir(): string {
    return path.join(this.opts.recordingsDir, 'simulator');
  }

  status(): TestRunView {
    return this.view;
  }

  async scan(paths: string[]): Promise<{ files: ScenarioFileView[] }> {
    let files: string[];
    try {
      files = (await findScenarioFiles(paths)).slice(0, MAX_SCAN);
    } catch (e) {
      throw new AppError('SCENARIO_FILE_NOT_FOUND', e instanceof Error ? e.message : String(e), 'paths');
    }
    const out: ScenarioFileView[] = [];
    for (const file of files) {
      try {
        const c = await loadScenarioFile(file);
        out.push({ file, name: c.scenario.name, steps: c.scenario.steps.length, error: null });
      } catch (e) {
        out.push({ file, name: null, steps: 0, error: { code: isAppError(e) ? e.code : 'SCENARIO_INVALID', message: e instanceof Error ? e.message : String(e) } });
      }
    }
    return { files: out };
  }

  /** Starts the run and returns at once; results arrive as `tests:changed` events. */
  async run(args: { files: string[]; bot: TestBot; parallel: number }): Promise<TestRunView> {
    if (this.view.running) throw new AppError('BOT_TEST_BUSY', 'a bot-test run is already running; wait for it to end');
    const botUrl = await this.resolveBot(args.bot);
    const { compiled, invalid } = await compileAll(args.files);
    const shown = new URL(botUrl);
    this.view = {
      runId: crypto.randomUUID(),
      running: compiled.length > 0,
      bot: `${shown.origin}${shown.pathname}`,
      total: args.files.length,
      files: args.files,
      results: [],
      invalid,
      unreachable: [],
      startedAt: Date.now(),
      endedAt: compiled.length > 0 ? null : Date.now(),
    };
    this.opts.emit(this.view);
    if (compiled.length === 0) return this.view;
    const runId = this.view.runId;
    void runScenarios(compiled, {
      botUrl,
      parallel: args.parallel,
      recordDir: this.recordDir,
      trustSelfSigned: true,
      onResult: (r) => {
        if (this.view.runId !== runId) return;
        const { peaks: _peaks, ...light } = r;
        this.view = { ...this.view, results: [...this.view.results, light] };
        this.opts.emit(this.view);
      },
    })
      .then((summary) => {
        this.view = { ...this.view, running: false, unreachable: summary.unreachable, endedAt: Date.now() };
      })
      .catch((e: unknown) => {
        this.opts.logger.error('tests.run_failed', { error: e instanceof Error ? e.message : String(e) });
        this.view = { ...this.view, running: false, endedAt: Date.now() };
      })
      .finally(() => this.opts.emit(this.view));
    return this.view;
  }

  makeFromCall(args: { callId: string; folder: string; name?: string | undefined; marginMs: number }) {
    return makeTestFromCall({ recordingsDir: this.opts.recordingsDir, ...args });
  }

  private async resolveBot(bot: TestBot): Promise<string> {
    if (bot.kind === 'url') return bot.url;
    const endpoint = this.opts.endpoint;
    if (!endpoint) throw new AppError('BOT_UNREACHABLE', 'the embedded endpoint is not available in this mode; give the bot a URL', 'bot');
    let st = endpoint.status();
    if (bot.kind === 'upstream') {
      if (!endpoint.getSettings().upstreamUrl) throw new AppError('BOT_UNREACHABLE', "the endpoint has no upstream bot URL; set one on the Endpoint screen (tap mode) or give the bot's URL", 'bot');
      if (!st.running) st = await endpoint.start();
      if (!st.localUrl) throw new AppError('BOT_UNREACHABLE', 'the embedded endpoint did not start', 'bot');
      return st.localUrl;
    }
    if (endpoint.getSettings().upstreamUrl) throw new AppError('SIM_DEMO_TAP_MODE', 'the endpoint relays calls to an upstream bot (tap mode); clear its upstream URL to test the demo bot', 'bot');
    if (this.opts.demoBot) endpoint.setBot(this.opts.demoBot);
    if (!st.running) {
      try {
        st = await endpoint.start();
      } catch {
        st = await endpoint.start({ port: 0 });
      }
    }
    if (!st.localUrl) throw new AppError('BOT_UNREACHABLE', 'the embedded endpoint did not start', 'bot');
    const u = new URL(st.localUrl);
    u.searchParams.set(DEMO_PARAM, bot.language ?? 'en');
    return u.toString();
  }
}
