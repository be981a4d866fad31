// The offline PSR: the HTTP API plus the call engine, one shared frame clock for every call.
// Plain Node: the desktop app, web mode, the CLI (`npm run sim`) and the tests all use this class.
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { logMessage } from '../../shared/call-log';
import { AppError } from '../../shared/errors';
import type { Logger } from '../logger';
import { StreamingMp3Decoder } from '../audio/mp3';
import type { CreateStreamRequest } from './create-stream-form';
import { FrameClock, realClock, type MonotonicClock } from './frame-clock';
import { createHttpApi } from './http-api';
import { MicLegB, ScriptLegB, SilenceLegB, type LegBMode, type LegBSource } from './leg-b';
import { SimCall, type CallOutcome } from './sim-call';

export interface CallDefaults {
  legB: LegBMode;
  outcome: CallOutcome;
  ringMs: number;
  maxCallSeconds: number;
  trustSelfSigned: boolean;
  tenant: string;
  tenantServer: string;
}

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Read on every request, so a changed profile token applies at once. */
  token(): string | undefined;
  recordDir: string;
  logger: Logger;
  defaults(): CallDefaults;
  /** Customer lines for leg B = script (8 kHz mono). */
  scriptLines(): Int16Array[];
  clock?: MonotonicClock;
  epochNow?: () => number;
  maxBodyBytes?: number;
  maxFileBytes?: number;
  /** Calls kept in memory for the list (older ones remain on disk). */
  keepCalls?: number;
  onCallStarted?(call: SimCall): void;
  onCallEnded?(call: SimCall): void;
  onCallChanged?(call: SimCall): void;
  onLegAudio?(callId: string, pcm: Int16Array): void;
  /** Instrumentation for the pacing benchmark. */
  onFrameSent?(due: number, sentAt: number): void;
}

export const DEFAULT_CALL_DEFAULTS: CallDefaults = {
  legB: 'silence',
  outcome: 'answer',
  ringMs: 1000,
  maxCallSeconds: 300,
  trustSelfSigned: false,
  tenant: 'simulator',
  tenantServer: 'ws://127.0.0.1:8000',
};

export class Simulator {
  readonly frameClock: FrameClock;
  readonly calls = new Map<string, SimCall>();
  private server: http.Server | null = null;
  private port = 0;
  private readonly epochOffset: number;

  constructor(private readonly opts: SimulatorOptions) {
    const clock = opts.clock ?? realClock;
    this.frameClock = new FrameClock(clock, (e) => opts.logger.error('sim.tick_failed', { error: e instanceof Error ? e.message : String(e) }));
    this.epochOffset = (opts.epochNow ?? Date.now)() - clock.now();
    fs.mkdirSync(opts.recordDir, { recursive: true });
  }

  get running(): boolean {
    return this.server !== null;
  }

  get baseUrl(): string {
    return `http://${this.opts.host ?? '127.0.0.1'}:${this.port}`;
  }

  async start(): Promise<{ baseUrl: string }> {
    if (this.server) return { baseUrl: this.baseUrl };
    const server = createHttpApi({
      token: this.opts.token,
      logger: this.opts.logger,
      maxBodyBytes: this.opts.maxBodyBytes,
      maxFileBytes: this.opts.maxFileBytes,
      baseUrl: () => this.baseUrl,
      createCall: (req) => this.createCall(req).id,
      recording: ({ callId, full }) => {
        const call = this.calls.get(callId);
        if (call?.running) return 'running';
        const file = `${this.opts.recordDir}/${full ? 'full_' : ''}${callId}.wav`;
        return fs.existsSync(file) ? file : null;
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE' ? new AppError('SIM_PORT_IN_USE', `field 'port': expected a free port, ${this.opts.port} is in use`, 'port', { port: this.opts.port }) : e),
      );
      server.listen(this.opts.port, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.opts.logger.info('sim.listening', { baseUrl: this.baseUrl });
    // Compile the mp3 decoder's WebAssembly now, so a call's first mp3 chunk is not late.
    const warm = new StreamingMp3Decoder();
    void warm.decode(new Uint8Array(0)).finally(() => warm.free());
    return { baseUrl: this.baseUrl };
  }

  /** Ends every call (`closed`, recordings finalised), then closes the HTTP server. */
  async stop(): Promise<void> {
    await Promise.all([...this.calls.values()].filter((c) => c.running).map((c) => c.end('stopped', 'completed', logMessage('sim.stopped'))));
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    this.frameClock.halt();
  }

  createCall(req: CreateStreamRequest, overrides: Partial<CallDefaults> = {}): SimCall {
    const d = { ...this.opts.defaults(), ...overrides };
    const call = new SimCall(
      randomUUID(),
      req,
      {
        legB: this.legB(d.legB),
        outcome: d.outcome,
        ringMs: d.ringMs,
        maxCallSeconds: d.maxCallSeconds,
        trustSelfSigned: d.trustSelfSigned,
        tenant: d.tenant,
        tenantServer: d.tenantServer,
      },
      {
        frameClock: this.frameClock,
        recordDir: this.opts.recordDir,
        logger: this.opts.logger,
        epochAt: (mono) => mono + this.epochOffset,
        onChange: (c) => this.opts.onCallChanged?.(c),
        onLegAudio: this.opts.onLegAudio,
        onFrameSent: this.opts.onFrameSent,
      },
    );
    this.calls.set(call.id, call);
    this.trim();
    this.opts.onCallStarted?.(call);
    void call.finished.then(() => this.opts.onCallEnded?.(call));
    call.start();
    return call;
  }

  /** "Customer hangs up": the called party ends the call. */
  async hangup(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call) throw new AppError('SIM_CALL_NOT_FOUND', `field 'callId': expected a simulator call id, '${callId}' is unknown`, 'callId');
    await call.end('customer-hangup', 'completed', logMessage('sim.customer_hung_up'));
  }

  /** Microphone audio (8 kHz 16-bit mono) for calls whose leg B is the microphone. */
  pushMic(pcm: Int16Array, callId?: string): number {
    let n = 0;
    for (const c of this.calls.values()) {
      if (!c.running || (callId && c.id !== callId) || !(c.opts.legB instanceof MicLegB)) continue;
      c.opts.legB.push(pcm);
      n++;
    }
    return n;
  }

  private legB(mode: LegBMode): LegBSource {
    if (mode === 'mic') return new MicLegB();
    if (mode === 'script') return new ScriptLegB(this.opts.scriptLines());
    return new SilenceLegB();
  }

  private trim(): void {
    const keep = this.opts.keepCalls ?? 50;
    if (this.calls.size <= keep) return;
    for (const [id, c] of this.calls) {
      if (this.calls.size <= keep) break;
      if (!c.running) this.calls.delete(id);
    }
  }
}
