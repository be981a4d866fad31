// The embedded bot endpoint as a service: settings, start/stop, status, actions on active calls,
// the greeting and the embedded bot. Used by the contract handlers, the CLI and the tests alike.
import fs from 'node:fs';
import path from 'node:path';
import { endpointSettingsSchema, type ActiveCall, type AudioInfo, type EndpointSettings, type EndpointStatus } from '../../shared/contract/endpoint';
import type { CallEnded, CallStarted, Leg } from '../../shared/contract/live';
import { AppError } from '../../shared/errors';
import { Mp3Encoder } from '../audio/mp3';
import { convertToPsrWav, inspectWav } from '../audio/wavefile-convert';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings/settings-store';
import { ChunkStreamer } from './chunk-streamer';
import { loadAudioFile, toPsrPcm, type AudioFileSource, type LoadedAudio } from './audio-source';
import type { BotCallControls, EndpointBot } from './bot';
import type { CallSession } from './call-session';
import { ENDPOINT_LIMITS, EndpointServer } from './endpoint-server';
import type { EmitFn } from './live-batcher';
import { selfSignedTls, userTls, type TlsMaterial } from './tls';

const SETTINGS_KEY = 'endpoint';

export interface EndpointServiceOptions {
  dataDir: string;
  recordingsDir: string;
  logger: Logger;
  now?: () => number;
  /** Live events (call:*, endpoint:changed); absent in the CLI and benchmarks. */
  emit?: EmitFn;
  /** Where settings persist; absent: in memory only (CLI). */
  settings?: SettingsStore;
  limits?: Partial<Record<keyof typeof ENDPOINT_LIMITS, number>>;
}

export interface CallListener {
  started?(info: CallStarted): void;
  ended?(info: CallEnded): void;
}

export class EndpointService {
  private server: EndpointServer | null = null;
  /** The settings the running server was started with (may differ from the saved ones). */
  private running: EndpointSettings | null = null;
  private tls: TlsMaterial | null = null;
  private memorySettings: EndpointSettings;
  private bot: EndpointBot | null = null;
  private greeting: LoadedAudio | null = null;
  private readonly streams = new Map<string, ChunkStreamer>();
  private readonly listeners = new Set<CallListener>();
  private readonly listening = new Set<string>();
  private starting: Promise<EndpointStatus> | null = null;

  constructor(private readonly opts: EndpointServiceOptions) {
    this.memorySettings = endpointSettingsSchema.parse(opts.settings?.get<unknown>(SETTINGS_KEY) ?? {});
  }

  // ---- settings -------------------------------------------------------------------------------

  getSettings(): EndpointSettings {
    return { ...this.memorySettings };
  }

  saveSettings(patch: Partial<EndpointSettings>): EndpointSettings {
    const next = endpointSettingsSchema.parse({ ...this.memorySettings, ...patch });
    this.memorySettings = next;
    this.opts.settings?.set(SETTINGS_KEY, next);
    return this.getSettings();
  }

  /** Greeting from a path (kept as is) or from bytes (saved under <dataDir>/endpoint/). */
  setGreeting(file: AudioFileSource | null): EndpointSettings {
    if (file === null) {
      this.greeting = null;
      if (this.running) this.running = { ...this.running, greetingPath: null };
      return this.saveSettings({ greetingPath: null });
    }
    const audio = loadAudioFile(file, 'file');
    if (audio.kind !== 'wav') throw new AppError('ENDPOINT_AUDIO_UNSUPPORTED', 'file: expected a WAV file for the greeting (it is sent as a media action)', 'file');
    inspectWav(audio.bytes);
    let stored: string;
    if ('path' in file) stored = path.resolve(file.path);
    else {
      const dir = path.join(this.opts.dataDir, 'endpoint');
      fs.mkdirSync(dir, { recursive: true });
      stored = path.join(dir, `greeting-${audio.name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}`);
      if (!stored.endsWith('.wav')) stored += '.wav';
      fs.writeFileSync(stored, audio.bytes);
    }
    // Applies to the next call at once, running or not.
    this.greeting = audio;
    if (this.running) this.running = { ...this.running, greetingPath: stored };
    return this.saveSettings({ greetingPath: stored });
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  setBot(bot: EndpointBot | null): void {
    this.bot = bot;
  }

  onCall(listener: CallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Start (or restart) with the saved settings overlaid by `patch`. The UI saves the patch (its form
   * is the settings); other callers (the demo call falling back to port 0, the CLI) leave them alone.
   */
  async start(patch: Partial<EndpointSettings> = {}, opts: { save?: boolean } = {}): Promise<EndpointStatus> {
    if (this.starting) await this.starting.catch(() => {});
    const s = opts.save ? this.saveSettings(patch) : endpointSettingsSchema.parse({ ...this.memorySettings, ...patch });
    if (this.server) await this.stop();
    this.starting = this.doStart(s);
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  private async doStart(s: EndpointSettings): Promise<EndpointStatus> {
    const tls = s.tls ? (s.certPath && s.keyPath ? userTls(s.certPath, s.keyPath) : await selfSignedTls(this.opts.dataDir)) : null;
    this.greeting = s.greetingPath ? loadAudioFile({ path: s.greetingPath }, 'greetingPath') : null;
    if (this.greeting && this.greeting.kind !== 'wav') {
      throw new AppError('ENDPOINT_AUDIO_UNSUPPORTED', `greetingPath: expected a WAV file (it is sent as a media action); ${this.greeting.name} is MP3`, 'greetingPath');
    }
    fs.mkdirSync(this.opts.recordingsDir, { recursive: true });
    const limits = { ...ENDPOINT_LIMITS, ...this.opts.limits };
    this.server = await EndpointServer.listen({
      host: s.host,
      port: s.port,
      path: s.path,
      tls,
      recordingsDir: this.opts.recordingsDir,
      logger: this.opts.logger,
      now: this.opts.now,
      emit: this.opts.emit,
      maxPayload: limits.maxPayload,
      softFrameLimit: limits.softFrameLimit,
      maxConnections: limits.maxConnections,
      maxPendingConnections: limits.maxPendingConnections,
      idleTimeoutMs: limits.idleTimeoutMs,
      upstreamUrl: s.upstreamUrl,
      upstreamRejectUnauthorized: !s.upstreamInsecure,
      hooks: {
        onStarted: (_s, info) => {
          for (const l of this.listeners) l.started?.(info);
          this.changed();
        },
        onConnected: (session) => this.onConnected(session),
        onVoice: (session, leg, speaking, t) => this.onVoice(session, leg, speaking, t),
        onEnded: (session, info) => {
          this.streams.get(session.callId)?.cancel();
          this.streams.delete(session.callId);
          this.listening.delete(session.callId);
          if (!session.tapMode && this.bot?.onClosed) this.safeBot(() => this.bot!.onClosed!(this.controls(session)));
          if (info) for (const l of this.listeners) l.ended?.(info);
          this.changed();
        },
      },
    });
    this.tls = tls;
    this.running = s;
    const st = this.status();
    this.opts.emit?.('endpoint:changed', st);
    return st;
  }

  async stop(): Promise<EndpointStatus> {
    const server = this.server;
    this.server = null;
    if (server) await server.close('stopped');
    this.tls = null;
    this.running = null;
    const st = this.status();
    this.opts.emit?.('endpoint:changed', st);
    return st;
  }

  /** Media frames taken in by the calls now connected (cheap: no call descriptions are built). */
  framesReceived(): number {
    let n = 0;
    for (const c of this.server?.sessions ?? []) n += c.stats.frames;
    return n;
  }

  status(): EndpointStatus {
    const s = this.running ?? this.memorySettings;
    const srv = this.server;
    const limits = { ...ENDPOINT_LIMITS, ...this.opts.limits };
    return {
      running: srv !== null,
      localUrl: srv ? srv.url : null,
      publicUrl: s.publicUrl,
      host: s.host,
      port: srv ? srv.port : s.port,
      path: s.path,
      tls: srv ? srv.opts.tls !== null : s.tls,
      fingerprint256: this.tls?.fingerprint256 ?? null,
      certSource: this.tls?.source ?? null,
      upstreamUrl: s.upstreamUrl,
      greeting: s.greetingPath ? path.basename(s.greetingPath) : null,
      recordingsDir: this.opts.recordingsDir,
      limits: { maxPayload: limits.maxPayload, softFrameLimit: limits.softFrameLimit, maxConnections: limits.maxConnections },
      calls: srv ? [...srv.sessions].filter((c) => c.isStarted).map(describeCall) : [],
    };
  }

  private changedTimer: NodeJS.Timeout | null = null;
  /** endpoint:changed for call start/end, coalesced so a burst of calls sends one update. */
  private changed(): void {
    if (!this.opts.emit || this.changedTimer) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = null;
      this.opts.emit?.('endpoint:changed', this.status());
    }, 50);
  }

  async dispose(): Promise<void> {
    if (this.changedTimer) clearTimeout(this.changedTimer);
    for (const s of this.streams.values()) s.cancel();
    this.streams.clear();
    if (this.server) await this.server.close('stopped');
    this.server = null;
  }

  // ---- actions --------------------------------------------------------------------------------

  private session(callId: string): CallSession {
    const s = this.server?.find(callId);
    if (!s) throw new AppError('ENDPOINT_CALL_NOT_FOUND', `callId: expected the id of an active endpoint call, got '${callId.slice(0, 80)}'`, 'callId');
    if (!s.isOpen) throw new AppError('ENDPOINT_CALL_NOT_READY', `callId: call ${callId} is no longer open`, 'callId');
    return s;
  }

  setListening(callId: string, on: boolean): void {
    if (on) this.listening.add(callId);
    else this.listening.delete(callId);
    const s = this.server?.find(callId);
    if (s) s.listening = on;
  }

  inspectAudio(file: AudioFileSource): AudioInfo {
    const audio = loadAudioFile(file);
    if (audio.kind === 'mp3') {
      return { name: audio.name, kind: 'mp3', size: audio.bytes.length, sampleRate: null, channels: null, bitDepth: null, durationSec: null, isPsrFormat: false, warnings: ['MP3 can only be streamed as chunks; media actions carry WAV files'] };
    }
    const info = inspectWav(audio.bytes);
    const warnings: string[] = [];
    if (info.bitDepth !== '16') warnings.push(`bit depth is ${info.bitDepth}, PSR expects 16-bit`);
    if (info.sampleRate !== 8000) warnings.push(`sample rate is ${info.sampleRate} Hz, PSR expects 8000 Hz`);
    if (info.channels !== 1) warnings.push(`${info.channels} channels, PSR expects mono`);
    return { name: audio.name, kind: 'wav', size: info.size, sampleRate: info.sampleRate, channels: info.channels, bitDepth: info.bitDepth, durationSec: info.durationSec, isPsrFormat: info.isPsrFormat, warnings };
  }

  async sendMedia(callId: string, file: AudioFileSource, isSync: boolean, convert: boolean, origin = 'console'): Promise<{ ok: true; bytes: number; converted: boolean; warnings: string[] }> {
    const session = this.session(callId);
    const info = this.inspectAudio(file);
    if (info.kind !== 'wav') throw new AppError('ENDPOINT_AUDIO_UNSUPPORTED', 'file: expected a WAV file for a media action (MP3 goes as chunks)', 'file');
    const audio = loadAudioFile(file);
    const bytes = convert && !info.isPsrFormat ? await convertToPsrWav(audio.bytes) : audio.bytes;
    session.actions.media(bytes, isSync, origin, `${audio.name}, ${bytes.length} B, is_sync=${isSync}${convert && !info.isPsrFormat ? ', converted to 8 kHz 16-bit mono' : ''}`);
    return { ok: true, bytes: bytes.length, converted: convert && !info.isPsrFormat, warnings: convert ? [] : info.warnings };
  }

  async streamChunks(callId: string, file: AudioFileSource, format: 'pcm16' | 'mp3', chunkMs: number, origin = 'console'): Promise<{ ok: true; durationMs: number; chunks: number }> {
    const session = this.session(callId);
    const audio = loadAudioFile(file);
    const pcm = await toPsrPcm(audio);
    this.streams.get(callId)?.cancel();
    const streamer = new ChunkStreamer(pcm, {
      format,
      chunkMs,
      encoder: format === 'mp3' ? new Mp3Encoder(8000, 32) : undefined,
      send: (payload: Uint8Array) => {
        if (!session.actions.chunk(payload, format, origin, `${format} chunk ${payload.length} B from ${audio.name}`)) streamer.cancel();
      },
    });
    this.streams.set(callId, streamer);
    session.internal('info', `streaming ${audio.name} as ${format} chunks of ${chunkMs} ms (${(streamer.durationMs / 1000).toFixed(1)} s)`);
    void streamer.done.then(() => {
      if (this.streams.get(callId) === streamer) this.streams.delete(callId);
    });
    streamer.start();
    return { ok: true, durationMs: Math.round(streamer.durationMs), chunks: Math.ceil(pcm.length / Math.round((8000 * chunkMs) / 1000)) };
  }

  stopChunks(callId: string): void {
    this.streams.get(callId)?.cancel();
    this.streams.delete(callId);
  }

  transfer(callId: string, extension: string, origin = 'console'): void {
    this.session(callId).actions.transfer(extension, origin);
  }

  sendRaw(callId: string, text: string, origin = 'console'): { ok: true; bytes: number } {
    this.session(callId).actions.raw(text, origin);
    return { ok: true, bytes: Buffer.byteLength(text) };
  }

  hangup(callId: string, origin = 'console'): void {
    this.stopChunks(callId);
    this.session(callId).actions.hangup(origin);
  }

  // ---- greeting and embedded bot --------------------------------------------------------------

  private onConnected(session: CallSession): void {
    if (this.listening.has(session.callId)) session.listening = true;
    if (session.tapMode) return;
    if (this.greeting) {
      session.actions.media(this.greeting.bytes, true, 'greeting', `${this.greeting.name}, ${this.greeting.bytes.length} B, is_sync=true`);
    }
    if (this.bot) this.safeBot(() => this.bot!.onConnected(this.controls(session)));
  }

  private onVoice(session: CallSession, leg: Leg, speaking: boolean, t: number): void {
    // The bot hears the call's legs, not its own voice (botOut).
    if (session.tapMode || leg === 'botOut' || !this.bot?.onVoiceActivity) return;
    this.safeBot(() => this.bot!.onVoiceActivity!(this.controls(session), leg, speaking, t));
  }

  private safeBot(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.opts.logger.error('endpoint.bot_failed', { bot: this.bot?.name, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private controls(session: CallSession): BotCallControls {
    const origin = this.bot ? `bot:${this.bot.name}` : 'bot';
    return {
      callId: session.callId,
      query: session.query,
      sendMedia: (wav, o) => void session.actions.media(wav, o?.isSync ?? false, origin, `${o?.label ?? 'WAV'}, ${wav.length} B, is_sync=${o?.isSync ?? false}`),
      sendChunk: (payload, format) => void session.actions.chunk(payload, format, origin),
      transfer: (ext) => void session.actions.transfer(ext, origin),
      hangup: () => void session.actions.hangup(origin),
      log: (message) => session.internal('info', `${origin}: ${message}`),
    };
  }
}

function describeCall(s: CallSession): ActiveCall {
  return {
    callId: s.callId,
    startedAt: s.connectedAt,
    tenant: s.tenant,
    channel: s.layout,
    legs: s.legs(),
    connected: s.isConnected,
    tapMode: s.tapMode,
    frames: s.stats.frames,
    audioSeconds: s.stats.audioSeconds,
    recordingPath: s.recordingPath ?? '',
  };
}
