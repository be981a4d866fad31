// The simulator as an app service: settings, start/stop, status events for the UI, microphone frames,
// recordings for playback. Knows nothing of the endpoint or the demo bot (src/main/demo wires those).
import fs from 'node:fs';
import path from 'node:path';
import {
  simulatorSettingsSchema,
  type SimCallView,
  type SimulatorSettings,
  type SimulatorStatus,
} from '../../shared/contract/simulator';
import { AppError, isAppError } from '../../shared/errors';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings/settings-store';
import { bytesToInt16 } from '../audio/pcm';
import type { CreateStreamRequest } from './create-stream-form';
import type { SimCall } from './sim-call';
import { Simulator, type CallDefaults } from './simulator';

const SETTINGS_KEY = 'simulator';
/** Largest recording handed to the renderer as base64 (about 20 minutes of stereo 8 kHz). */
const MAX_RECORDING_BYTES = 40 * 1024 * 1024;
/** How many demo call ids the status remembers. */
const MAX_DEMO_CALLS_REMEMBERED = 200;

export interface SimulatorServiceOptions {
  /** Simulator recordings folder: <recordingsDir>/simulator. */
  recordDir: string;
  resourcesDir: string;
  logger: Logger;
  settings?: SettingsStore;
  token(): string | undefined;
  emit?: {
    changed(status: SimulatorStatus): void;
    legAudio(callId: string, pcmBase64: string): void;
  };
  /** Lines of the scripted leg B, per language (none: the script is silent). */
  scriptLines?: (lang: SimulatorSettings['language']) => Int16Array[];
  /** Overrides for tests (port 0, no ring). */
  overrides?: Partial<SimulatorSettings>;
}

export class SimulatorService {
  private sim: Simulator | null = null;
  private starting: Promise<Simulator> | null = null;
  private memorySettings: SimulatorSettings;
  private readonly demoCalls = new Set<string>();
  private changedTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: SimulatorServiceOptions) {
    const stored = opts.settings?.get<unknown>(SETTINGS_KEY) ?? {};
    const parsed = simulatorSettingsSchema.safeParse({ ...(typeof stored === 'object' && stored ? stored : {}), ...opts.overrides });
    this.memorySettings = parsed.success ? parsed.data : simulatorSettingsSchema.parse({ ...opts.overrides });
  }

  getSettings(): SimulatorSettings {
    return { ...this.memorySettings };
  }

  saveSettings(patch: Partial<SimulatorSettings>): SimulatorStatus {
    this.memorySettings = simulatorSettingsSchema.parse({ ...this.memorySettings, ...patch });
    this.opts.settings?.set(SETTINGS_KEY, this.memorySettings);
    this.changed();
    return this.status();
  }

  get simulator(): Simulator | null {
    return this.sim;
  }

  status(): SimulatorStatus {
    const token = this.opts.token();
    return {
      running: this.sim?.running ?? false,
      baseUrl: this.sim?.running ? this.sim.baseUrl : null,
      tokenLast4: token ? token.slice(-4) : null,
      settings: this.getSettings(),
      recordDir: this.opts.recordDir,
      calls: this.sim ? [...this.sim.calls.values()].reverse().map((c) => this.view(c)) : [],
    };
  }

  /** Start on settings.port; with `fallback`, a busy port falls back to a free one (logged). */
  async start(fallback = false): Promise<SimulatorStatus> {
    await this.run(fallback);
    return this.status();
  }

  /** For create-stream with the "Offline simulator" profile and the demo call. */
  async ensureRunning(): Promise<{ baseUrl: string }> {
    const sim = await this.run(true);
    return { baseUrl: sim.baseUrl };
  }

  private async run(fallback: boolean): Promise<Simulator> {
    if (this.sim?.running) return this.sim;
    if (this.starting) return this.starting;
    this.starting = (async () => {
      const port = this.memorySettings.port;
      try {
        return await this.listen(port);
      } catch (e) {
        if (!fallback || !isAppError(e) || e.code !== 'SIM_PORT_IN_USE') throw e;
        this.opts.logger.warn('sim.port_in_use', { port, note: 'using a free port instead' });
        return await this.listen(0);
      }
    })();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  private async listen(port: number): Promise<Simulator> {
    const sim = new Simulator({
      port,
      token: this.opts.token,
      recordDir: this.opts.recordDir,
      logger: this.opts.logger,
      defaults: () => {
        const cur = this.memorySettings;
        return {
          legB: cur.legB,
          outcome: cur.outcome,
          ringMs: cur.ringSeconds * 1000,
          maxCallSeconds: cur.maxCallSeconds,
          trustSelfSigned: cur.trustSelfSigned,
          tenant: cur.tenant,
          tenantServer: cur.tenantServer,
        };
      },
      scriptLines: () => this.opts.scriptLines?.(this.memorySettings.language) ?? [],
      onCallStarted: () => this.changed(),
      onCallChanged: () => this.changed(),
      onCallEnded: () => this.changed(true),
      onLegAudio: (callId, pcm) => this.opts.emit?.legAudio(callId, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64')),
    });
    try {
      await sim.start();
    } catch (e) {
      await sim.stop().catch(() => {});
      throw e;
    }
    this.sim = sim;
    this.changed(true);
    return sim;
  }

  async stop(): Promise<SimulatorStatus> {
    const sim = this.sim;
    if (sim) await sim.stop();
    this.changed(true);
    return this.status();
  }

  private running(): Simulator {
    if (!this.sim?.running) throw new AppError('SIM_NOT_RUNNING', 'the simulator is not running: start it first');
    return this.sim;
  }

  async hangup(callId: string): Promise<void> {
    await this.running().hangup(callId);
  }

  micFrames(pcmBase64: string, callId?: string): number {
    if (!this.sim) return 0;
    const bytes = Buffer.from(pcmBase64, 'base64');
    return this.sim.pushMic(bytesToInt16(bytes), callId);
  }

  async recording(callId: string, kind: 'full' | 'mixed'): Promise<{ name: string; mime: 'audio/wav'; base64: string; bytes: number }> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(callId)) throw new AppError('SIM_CALL_NOT_FOUND', `field 'callId': expected a simulator call id, got '${callId.slice(0, 80)}'`, 'callId');
    const call = this.sim?.calls.get(callId);
    if (call?.running) throw new AppError('SIM_RECORDING_NOT_READY', `field 'callId': call ${callId} is still running; its recording is not finished`, 'callId');
    const name = `${kind === 'full' ? 'full_' : ''}${callId}.wav`;
    const file = path.join(this.opts.recordDir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat) throw new AppError('SIM_CALL_NOT_FOUND', `field 'callId': no recording ${name}`, 'callId');
    if (stat.size > MAX_RECORDING_BYTES) throw new AppError('SIM_BODY_TOO_LARGE', `recording ${name}: expected at most ${MAX_RECORDING_BYTES} bytes to play here; open it from ${this.opts.recordDir}`);
    const bytes = await fs.promises.readFile(file);
    return { name, mime: 'audio/wav', base64: bytes.toString('base64'), bytes: bytes.length };
  }

  /** Place a call on the (started if need be) simulator, as create-stream would. `demo` marks it in the UI. */
  async placeCall(request: CreateStreamRequest, overrides: Partial<CallDefaults> = {}, opts: { demo?: boolean } = {}): Promise<{ call: SimCall; baseUrl: string }> {
    const sim = await this.run(true);
    const call = sim.createCall(request, overrides);
    if (opts.demo) {
      // Remembered after the call ends (its status says it was the demo); the oldest are forgotten.
      this.demoCalls.add(call.id);
      if (this.demoCalls.size > MAX_DEMO_CALLS_REMEMBERED) this.demoCalls.delete(this.demoCalls.values().next().value as string);
    }
    this.changed(true);
    return { call, baseUrl: sim.baseUrl };
  }

  async dispose(): Promise<void> {
    if (this.changedTimer) clearTimeout(this.changedTimer);
    this.changedTimer = null;
    await this.sim?.stop();
    this.opts.emit = undefined;
  }

  private view(c: SimCall): SimCallView {
    const r = c.request;
    return {
      callId: c.id,
      state: c.state,
      app: r.app,
      destination: r.destination,
      extension: r.extension,
      channel: r.channel,
      legB: c.opts.legB.mode,
      outcome: c.opts.outcome,
      botUrl: `${c.url.origin}${c.url.pathname}`,
      createdAt: c.createdAt,
      answeredAt: c.answeredAt,
      endedAt: c.endedAt,
      reason: c.reason,
      transferredTo: c.transferredTo,
      framesSent: c.framesSent,
      actions: { ...c.actions },
      garbage: { ...c.garbage },
      log: c.log.slice(-20),
      recordingsReady: !c.running && c.answeredAt !== null,
      demo: this.demoCalls.has(c.id),
    };
  }

  /** simulator:changed, coalesced (a call notes many things per second). */
  private changed(now = false): void {
    if (!this.opts.emit) return;
    if (now) {
      if (this.changedTimer) clearTimeout(this.changedTimer);
      this.changedTimer = null;
      this.opts.emit.changed(this.status());
      return;
    }
    if (this.changedTimer) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = null;
      this.opts.emit?.changed(this.status());
    }, 250);
  }
}
