// Artillery engine "psr": each virtual user places one simulated PSR call to `config.target` (the
// bot's WebSocket URL) and plays the caller's side of a scenario file, with the console's campaign
// generator (src/main/campaign, TypeScript, loaded through tsx). Metrics, aggregated by Artillery
// across its workers and machines:
//   histograms psr.setup_ms, psr.first_bot_audio_ms, psr.turn_latency_ms
//   counters   psr.setup_ok, psr.setup_failed, psr.calls_passed, psr.calls_failed, psr.errors.<CODE>
// Flow step:  - call: { scenario: ./scenario.json, query: { ma_kh: "{{ ma_kh }}" }, tenant: t }
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../../src/main');
const load = (rel) => tsImport(path.join(src, rel), import.meta.url);

const [{ GenCall }, { loadCampaignScenario }, { FrameClock }, { silenceClip, preEncodeLegB }, { callUrl }, { NO_IMPAIRMENTS }] = await Promise.all([
  load('campaign/gen-call.ts'),
  load('campaign/campaign-scenario.ts'),
  load('simulator/frame-clock.ts'),
  load('campaign/pre-encoded.ts'),
  load('campaign/customers.ts'),
  load('campaign/impairments.ts'),
]);

export default class PsrEngine {
  constructor(script, ee, helpers) {
    this.script = script;
    this.ee = ee;
    this.helpers = helpers;
    this.target = script.config.target;
    this.config = script.config.engines?.psr ?? {};
    this.clock = new FrameClock();
    this.scenarios = new Map();
    this.baseDir = script.config.__scriptPath ? path.dirname(script.config.__scriptPath) : process.cwd();
  }

  /** The scenario file (YAML or JSON, the bot-tests format), compiled once per Artillery worker. */
  scenario(file) {
    const abs = path.resolve(this.baseDir, file);
    let s = this.scenarios.get(abs);
    if (!s) {
      // The caller's utterances are encoded once per scenario and shared by every call of this worker.
      s = loadCampaignScenario(abs).then((sc) => ({
        sc,
        silence: silenceClip(sc.channel),
        sayClips: new Map([...sc.compiled.audio].map(([step, audio]) => [step, preEncodeLegB(audio.pcm, sc.channel)])),
      }));
      this.scenarios.set(abs, s);
    }
    return s;
  }

  createScenario(spec, ee) {
    const steps = spec.flow ?? [];
    return (context, callback) => {
      ee.emit('started');
      const run = async () => {
        for (const step of steps) {
          if (step.call) await this.call(step.call, context, ee);
          else if (step.think) await new Promise((r) => setTimeout(r, Number(this.helpers.template(step.think, context)) * 1000));
        }
      };
      run().then(
        () => {
          ee.emit('done');
          callback(null, context);
        },
        (e) => {
          ee.emit('error', e?.code ?? e?.message ?? String(e));
          callback(e, context);
        },
      );
    };
  }

  async call(spec, context, ee) {
    const { sc, silence, sayClips } = await this.scenario(this.helpers.template(spec.scenario, context));
    const query = {};
    for (const [k, v] of Object.entries(spec.query ?? {})) query[k] = String(this.helpers.template(v, context));
    const callId = randomUUID();
    const url = callUrl(this.helpers.template(spec.target ?? this.target, context), callId, spec.tenant ?? this.config.tenant ?? 'artillery', sc.parameter, query);
    await new Promise((resolve) => {
      const call = new GenCall(
        { index: 0, callId, url, record: false },
        {
          channel: sc.channel,
          compiled: sc.compiled,
          silence,
          sayClips,
          impairments: { ...NO_IMPAIRMENTS, ...(this.config.impairments ?? {}) },
          recordDir: null,
          setupTimeoutMs: this.config.setupTimeoutMs ?? 10_000,
          now: () => performance.now(),
          addTick: (fn) => this.clock.add(fn),
          onPacing: () => {},
          onTurn: (ms) => ee.emit('histogram', 'psr.turn_latency_ms', ms),
          onSetup: () => ee.emit('counter', 'psr.setup_ok', 1),
          onLive: () => {},
          onEnd: (row) => {
            if (row.setupMs !== null) ee.emit('histogram', 'psr.setup_ms', row.setupMs);
            if (row.setup !== 'ok') ee.emit('counter', 'psr.setup_failed', 1);
            if (row.firstBotAudioMs !== null) ee.emit('histogram', 'psr.first_bot_audio_ms', row.firstBotAudioMs);
            ee.emit('counter', row.passed ? 'psr.calls_passed' : 'psr.calls_failed', 1);
            if (row.errorCode) ee.emit('counter', `psr.errors.${row.errorCode}`, 1);
            resolve();
          },
        },
      );
      call.start();
    });
  }
}
