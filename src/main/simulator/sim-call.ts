// One simulated PSR call: rings, opens the WebSocket to the bot, streams 20 ms `media` frames in the
// requested channel layout, applies the bot's actions to leg A, records both legs, ends with `closed`.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { englishOf, logMessage, type LogMessage } from '../../shared/call-log';
import { MediaFrameWriter, closedMessage, connectedMessage, frameText } from '../../shared/psr-stream';
import { WavRecorder } from '../audio/wav-recorder';
import type { Logger } from '../logger';
import { botUrl, type CreateStreamRequest } from './create-stream-form';
import type { FrameClock } from './frame-clock';
import type { LegBSource } from './leg-b';
import { PlaybackQueue } from './playback-queue';
import { BotActionHandler, MAX_ACTION_BYTES } from './bot-actions';
import { STREAM_SOCKET_OPTIONS } from '../psr-stream/socket-options';

export const SAMPLES_PER_FRAME = 160; // 20 ms at 8 kHz

export type CallOutcome = 'answer' | 'no-answer' | 'busy';
export type CallState = 'ringing' | 'in-progress' | 'completed' | 'no-answer' | 'busy' | 'failed';

export interface SimCallOptions {
  legB: LegBSource;
  outcome: CallOutcome;
  /** How long each leg rings before answering (dial rings the extension, then the destination). */
  ringMs: number;
  /** 0 = no limit. */
  maxCallSeconds: number;
  trustSelfSigned: boolean;
  tenant: string;
  /** Base for relative `url`s ("the tenant's configured server"). */
  tenantServer: string;
  /** How long a no-answer call rings before giving up. */
  noAnswerMs?: number;
}

export interface SimCallDeps {
  frameClock: FrameClock;
  recordDir: string;
  logger: Logger;
  /** Epoch ms of a monotonic instant, so `timestamp` follows the same paced clock. */
  epochAt(mono: number): number;
  onChange(call: SimCall): void;
  /** Leg A as heard by the person called (only used when leg B is the microphone). */
  onLegAudio?(callId: string, pcm: Int16Array): void;
  /** Instrumentation (bench/sim-pacing): a frame's due time and when it was handed to the socket. */
  onFrameSent?(due: number, sentAt: number): void;
}

export interface CallLogEntry {
  at: number;
  code?: string;
  /** English wording of `msg`. */
  text: string;
  msg: LogMessage;
}

const LEG_AUDIO_BATCH = 3; // frames per leg-audio event (60 ms)
/** Frames waiting for a bot that does not read them (about 90 s of stereo frames); past it the call ends. */
export const SIM_BACKLOG_MAX_BYTES = 4 * 1024 * 1024;
/** One options object for every media frame (text, never compressed: deflate is off on our sockets anyway). */
const MEDIA_SEND_OPTS = { binary: false, compress: false } as const;
const MAX_LOG = 200;

export class SimCall {
  state: CallState = 'ringing';
  readonly createdAt: number;
  answeredAt: number | null = null;
  endedAt: number | null = null;
  reason: string | null = null;
  transferredTo: string | null = null;
  framesSent = 0;
  bytesSent = 0;
  readonly actions: Record<string, number> = { media: 0, chunk: 0, transfer: 0, hangup: 0 };
  readonly garbage: Record<string, number> = {};
  readonly log: CallLogEntry[] = [];
  readonly playback = new PlaybackQueue();
  readonly url: URL;
  readonly finished: Promise<void>;

  private ws: WebSocket | null = null;
  private untick: (() => void) | null = null;
  private cancelTimer: (() => void) | null = null;
  private resolveFinished!: () => void;
  private ending = false;
  private readonly actionsHandler: BotActionHandler;
  private readonly full: WavRecorder;
  private readonly mixed: WavRecorder;
  // Per-tick buffers, allocated once per call.
  private readonly a = new Int16Array(SAMPLES_PER_FRAME);
  private readonly b = new Int16Array(SAMPLES_PER_FRAME);
  private readonly stereo = new Int16Array(SAMPLES_PER_FRAME * 2);
  private readonly mono = new Int16Array(SAMPLES_PER_FRAME);
  // Byte views for the socket and the recorders (16-bit little-endian: every platform Node and Electron ship on).
  private readonly stereoBytes = new Uint8Array(this.stereo.buffer);
  private readonly monoBytes = new Uint8Array(this.mono.buffer);
  /** The bytes sent: a view over stereo, a or b, so no copy per frame. */
  private readonly payload: Uint8Array;
  private readonly frame: MediaFrameWriter;
  private legAudio: Int16Array | null = null;
  private legAudioFrames = 0;

  constructor(
    readonly id: string,
    readonly request: CreateStreamRequest,
    readonly opts: SimCallOptions,
    private readonly deps: SimCallDeps,
  ) {
    this.createdAt = this.epochNow();
    this.url = botUrl(request, id, opts.tenant, opts.tenantServer);
    this.finished = new Promise((r) => (this.resolveFinished = r));
    const sent = request.channel === 'stereo' ? this.stereo : request.channel === 'mono_a' ? this.a : this.b;
    this.payload = new Uint8Array(sent.buffer, sent.byteOffset, sent.byteLength);
    this.frame = new MediaFrameWriter(id, request.channel, this.payload.length);
    // Flush every 2–4 s of audio, at a random point per call: hundreds of calls started together
    // would otherwise all hit the disk in the same 20 ms and delay everyone's next frame.
    const flushSeconds = 2 + 2 * Math.random();
    this.full = WavRecorder.create(this.fullPath, { channels: 2, flushIntervalMs: 0, flushBytes: Math.round(flushSeconds * 8000) * 4 });
    this.mixed = WavRecorder.create(this.mixedPath, { channels: 1, flushIntervalMs: 0, flushBytes: Math.round(flushSeconds * 8000) * 2 });
    this.actionsHandler = new BotActionHandler(this, deps.logger);
    if (opts.legB.mode === 'mic' && deps.onLegAudio) this.legAudio = new Int16Array(SAMPLES_PER_FRAME * LEG_AUDIO_BATCH);
  }

  get fullPath(): string {
    return path.join(this.deps.recordDir, `full_${this.id}.wav`);
  }
  get mixedPath(): string {
    return path.join(this.deps.recordDir, `${this.id}.wav`);
  }
  get metaPath(): string {
    return path.join(this.deps.recordDir, `${this.id}.meta.json`);
  }
  /** Bytes of this call's stream the bot has not taken yet. */
  get backlogBytes(): number {
    return this.ws?.bufferedAmount ?? 0;
  }
  get running(): boolean {
    return this.endedAt === null || this.ending;
  }

  epochNow(): number {
    return this.deps.epochAt(this.deps.frameClock.clock.now());
  }

  /** A line of the call's log: a message code with parameters (worded by the UI), its English text, a fault code. */
  note(msg: LogMessage, code?: string): void {
    if (this.log.length >= MAX_LOG) this.log.shift();
    this.log.push({ at: this.epochNow(), text: englishOf(msg), msg, ...(code ? { code } : {}) });
    if (code) this.garbage[code] = (this.garbage[code] ?? 0) + 1;
    this.deps.onChange(this);
  }

  /** Ring, then answer (or not) according to the outcome. */
  start(): void {
    const { outcome, ringMs } = this.opts;
    const clock = this.deps.frameClock.clock;
    this.writeMeta();
    if (this.request.app === 'dial') this.note(logMessage('sim.ringing_extension', { extension: this.request.extension ?? null }));
    this.note(logMessage('sim.ringing', { number: this.request.destination }));
    if (outcome === 'busy') {
      this.cancelTimer = clock.schedule(() => void this.end('busy', 'busy'), Math.min(ringMs, 500));
      return;
    }
    if (outcome === 'no-answer') {
      this.cancelTimer = clock.schedule(() => void this.end('no-answer', 'no-answer'), this.opts.noAnswerMs ?? 30_000);
      return;
    }
    const legs = this.request.app === 'dial' ? 2 : 1;
    this.cancelTimer = clock.schedule(() => {
      this.cancelTimer = null;
      this.connect();
    }, ringMs * legs);
  }

  private connect(): void {
    if (this.endedAt !== null) return;
    this.answeredAt = this.epochNow();
    this.note(logMessage('sim.answered', { url: `${this.url.origin}${this.url.pathname}` }));
    const ws = new WebSocket(this.url, {
      rejectUnauthorized: !this.opts.trustSelfSigned,
      handshakeTimeout: 5000,
      maxPayload: MAX_ACTION_BYTES,
      ...STREAM_SOCKET_OPTIONS,
    });
    this.ws = ws;
    ws.on('open', () => {
      if (this.endedAt !== null) return ws.close(1000, 'call ended');
      this.state = 'in-progress';
      this.sendControl('connected');
      if (this.request.audio && this.request.app === 'bot' && !this.request.isSilence) this.playback.enqueue(this.request.audio, 'audio_file');
      this.untick = this.deps.frameClock.add((due) => this.tick(due));
      this.deps.onChange(this);
    });
    ws.on('message', (data, isBinary) => this.actionsHandler.receive(toBytes(data), isBinary));
    ws.on('error', (e) => {
      this.deps.logger.warn('sim.ws_error', { callId: this.id, error: e.message });
      if (this.state === 'ringing') void this.end('ws-connect-failed', 'failed', logMessage('sim.connect_failed', { error: e.message }));
    });
    ws.on('close', (code) => {
      if (this.endedAt === null) void this.end(code === 1000 ? 'bot-closed' : 'bot-disconnected', 'completed', logMessage('sim.bot_closed', { closeCode: code }));
    });
  }

  private sendControl(event: 'connected' | 'closed'): void {
    const f = { callId: this.id, channel: this.request.channel, timestamp: this.epochNow() };
    this.ws?.send(frameText(event === 'connected' ? connectedMessage(f) : closedMessage(f)));
  }

  /** One 20 ms frame: leg A (bot audio), leg B (the person called), sent, recorded. Hot path. */
  private tick(due: number): void {
    if (this.state !== 'in-progress' || this.ending) return;
    const { a, b, stereo, mono } = this;
    this.playback.pull(a);
    this.opts.legB.pull(b, a);
    for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
      const x = a[i]!;
      const y = b[i]!;
      stereo[2 * i] = x;
      stereo[2 * i + 1] = y;
      const m = x + y;
      mono[i] = m > 32767 ? 32767 : m < -32768 ? -32768 : m;
    }
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN && ws.bufferedAmount > SIM_BACKLOG_MAX_BYTES) {
      // The bot has not read this call's frames for a long time: end the call rather than hold them all.
      void this.end('bot-not-reading', 'failed', logMessage('sim.bot_not_reading', { waiting: ws.bufferedAmount, limit: SIM_BACKLOG_MAX_BYTES }));
      return;
    }
    if (ws && ws.readyState === WebSocket.OPEN) {
      // `timestamp` is the frame's due time on the paced clock (epoch ms), so gaps are visible to the bot.
      const frame = this.frame.write(this.deps.epochAt(due), this.payload);
      // A Buffer is copied while masked (client frames), so the writer may reuse it at once.
      ws.send(frame, MEDIA_SEND_OPTS);
      this.deps.onFrameSent?.(due, this.deps.frameClock.clock.now());
      this.framesSent++;
      this.bytesSent += frame.length;
    }
    this.full.write(this.stereoBytes);
    this.mixed.write(this.monoBytes);
    if (this.legAudio) {
      this.legAudio.set(a, this.legAudioFrames * SAMPLES_PER_FRAME);
      if (++this.legAudioFrames === LEG_AUDIO_BATCH) {
        this.deps.onLegAudio?.(this.id, this.legAudio.slice());
        this.legAudioFrames = 0;
      }
    }
    const max = this.opts.maxCallSeconds;
    if (max > 0 && this.framesSent * 20 >= max * 1000) void this.end('max-duration', 'completed', logMessage('sim.max_duration', { seconds: max }));
  }

  /** Leg A becomes the extension (silence here): the bot's queued audio stops; the stream goes on. */
  transfer(extension: string): void {
    this.transferredTo = extension;
    this.playback.clear();
    this.note(logMessage('sim.transferred', { extension }));
  }

  /** End the call: `closed`, a normal close, recordings finalised, meta written. Idempotent. */
  async end(reason: string, state: CallState = 'completed', detail?: LogMessage): Promise<void> {
    if (this.endedAt !== null) return this.finished;
    this.endedAt = this.epochNow();
    this.ending = true;
    this.reason = reason;
    // Before the meta file is rewritten below, so it says how the call ended, not "in-progress".
    this.state = state;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.untick?.();
    this.untick = null;
    this.note(detail ?? logMessage('sim.ended', { reason }));
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      this.sendControl('closed');
      ws.close(1000, 'call ended');
    } else if (ws && ws.readyState === WebSocket.CONNECTING) ws.terminate();
    this.actionsHandler.dispose();
    if (this.legAudio && this.legAudioFrames > 0) this.deps.onLegAudio?.(this.id, this.legAudio.slice(0, this.legAudioFrames * SAMPLES_PER_FRAME));
    try {
      await Promise.all([this.full.close(), this.mixed.close()]);
      const failed = this.full.error ?? this.mixed.error;
      if (failed) throw failed;
      await fs.promises.writeFile(this.metaPath, JSON.stringify(this.meta(), null, 2));
    } catch (e) {
      this.deps.logger.error('sim.recording_failed', { callId: this.id, error: e instanceof Error ? e.message : String(e) });
    }
    this.ending = false;
    this.deps.onChange(this);
    this.resolveFinished();
  }

  /** Written when the call is created and rewritten when it ends, so a crash leaves a trace. */
  private writeMeta(): void {
    // Synchronous (once per call, a small file) so it can never land after the final rewrite.
    try {
      fs.writeFileSync(this.metaPath, JSON.stringify(this.meta(), null, 2));
    } catch (e) {
      this.deps.logger.warn('sim.meta_failed', { callId: this.id, error: e instanceof Error ? e.message : String(e) });
    }
  }

  meta(): Record<string, unknown> {
    const r = this.request;
    return {
      callId: this.id,
      source: 'simulator',
      // The call library reads startedAt/endedAt/legs/channel/tenant/reason (same names as the endpoint's meta).
      startedAt: this.answeredAt ?? this.createdAt,
      legs: r.channel === 'stereo' ? ['A', 'B'] : r.channel === 'mono_a' ? ['A'] : ['B'],
      channel: r.channel,
      tenant: this.opts.tenant,
      createdAt: this.createdAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      state: this.state,
      reason: this.reason,
      request: { url: r.url, destination: r.destination, app: r.app, channel: r.channel, extension: r.extension, isSilence: r.isSilence, audioFileName: r.audioFileName, parameter: r.parameter },
      query: Object.fromEntries(this.url.searchParams),
      legB: this.opts.legB.mode,
      outcome: this.opts.outcome,
      transferredTo: this.transferredTo,
      framesSent: this.framesSent,
      actions: this.actions,
      garbage: this.garbage,
      recordings: { full: path.basename(this.fullPath), mixed: path.basename(this.mixedPath) },
    };
  }
}

/** One frame's bytes, whatever form ws delivered them in. */
function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
