// One PSR call = one WebSocket connection. This file is the wiring: the socket's events, the call's
// lifecycle (start at the first valid frame, end on close) and its meta file. The work is done in
// rooms with one job each: frame-ingest (PSR's frames → recording, meters, log), call-log,
// call-recording, action-sender (actions to PSR), tap-relay (the upstream bot in tap mode).
// Bad input is logged with a stable code, counted and skipped: it never ends a call.
import path from 'node:path';
import type { WebSocket, RawData } from 'ws';
import { callMetaSchema, logMessage, type CallMeta, type LogMessage } from '../../shared/call-log';
import type { CallEnded, CallStarted, ChannelLayout, FrameStats, Leg } from '../../shared/contract/live';
import type { Logger } from '../logger';
import { ActionSender } from './action-sender';
import { BotOutMeter } from './bot-out';
import { reserveCallFiles, fileSafeCallId, rewriteMeta, type CallFiles } from './call-files';
import { CallIngest } from './frame-ingest';
import { LegMeter, type LegWindowSink } from './leg-meter';
import { LiveBatcher, type EmitFn } from './live-batcher';
import { TapRelay } from './tap-relay';
import { toBuffer } from './upstream';

export { fileSafeCallId };

export interface SessionOptions {
  recordingsDir: string;
  logger: Logger;
  now: () => number;
  emit?: EmitFn;
  /** Text frames above this are logged FRAME_TOO_LARGE and skipped (the socket stays open). */
  softFrameLimit: number;
  /** A socket that sends no valid frame within this many ms is closed (1008). 0 = never. */
  idleTimeoutMs: number;
  upstreamUrl?: string | null;
  upstreamRejectUnauthorized?: boolean;
  /** Called once the call has started (its first valid frame): after call:started. */
  onStarted?(s: CallSession, info: CallStarted): void;
  /** Called when the socket is gone; `info` is null for a connection that never sent a valid frame. */
  onEnded(s: CallSession, info: CallEnded | null): void;
  /** Hooks for greeting / embedded bot; see endpoint-service. */
  onConnected?(s: CallSession): void;
  onVoice?(s: CallSession, leg: Leg, speaking: boolean, t: number): void;
}

export class CallSession implements LegWindowSink {
  readonly query: Record<string, string>;
  readonly tenant: string | null;
  readonly connectedAt: number;
  readonly ingest: CallIngest;
  readonly actions: ActionSender;
  readonly finished: Promise<CallEnded | null>;
  private readonly psrCallId: string;
  private files: CallFiles | null = null;
  private live: LiveBatcher | null = null;
  private readonly botOut: BotOutMeter;
  private readonly tap: TapRelay | null;
  private readonly emit: EmitFn | undefined;
  private listeningOn = false;
  private stopReason: string | null = null;
  private startedSent = false;
  private ended = false;
  private closeTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private resolveFinished!: (e: CallEnded | null) => void;

  constructor(
    private readonly ws: WebSocket,
    requestUrl: string,
    private readonly opts: SessionOptions,
  ) {
    this.finished = new Promise((r) => (this.resolveFinished = r));
    this.emit = opts.emit ? safeEmit(opts.emit, opts.logger) : undefined;
    this.connectedAt = opts.now();
    const rawQuery = new URL(requestUrl, 'http://endpoint.invalid').searchParams;
    this.query = Object.fromEntries(rawQuery.entries());
    this.tenant = this.query.tenant ?? null;
    this.psrCallId = fileSafeCallId(this.query.call_id ?? null);
    this.ingest = new CallIngest(
      this.query.call_id,
      this,
      { start: (at) => this.start(at), started: () => this.announceStart(), connected: () => this.opts.onConnected?.(this), closed: () => this.onClosedFrame() },
      { now: opts.now, logger: opts.logger, softFrameLimit: opts.softFrameLimit, idForAppLog: () => this.callId },
    );
    const log = this.ingest.log;
    this.botOut = new BotOutMeter(new LegMeter('botOut', this), (code, params) => log.internal('warning', logMessage(code, params), code));
    this.actions = new ActionSender({
      log,
      botOut: this.botOut,
      now: opts.now,
      audioMs: () => this.audioMs,
      isOpen: () => this.isOpen,
      backlog: () => this.psrBacklog,
      sendText: (frame) => this.ws.send(frame, { binary: false }),
      countError: (code) => this.ingest.countError(code),
      action: (kind, at, t, detail, origin, msg) => this.emit?.('call:action', { callId: this.callId, kind, at, t, detail, origin, msg }),
    });
    if (this.query.call_id === undefined) log.internal('warning', logMessage('call.no_call_id'), 'CALL_NO_CALL_ID');
    else if (this.psrCallId !== this.query.call_id) log.internal('warning', logMessage('call.id_renamed', { callId: this.query.call_id.slice(0, 120), fileId: this.psrCallId }));
    log.internal('info', logMessage('socket.opened', { params: Object.keys(this.query).length }));
    this.tap = opts.upstreamUrl
      ? new TapRelay(opts.upstreamUrl, rawQuery, {
          log,
          actions: this.actions,
          logger: opts.logger,
          now: opts.now,
          countError: (code) => this.ingest.countError(code),
          psrBacklog: () => (this.isOpen ? this.psrBacklog : null),
          sendToPsr: (data, isBinary) => this.ws.send(data, { binary: isBinary }),
          idForAppLog: () => this.callId,
        }, opts.upstreamRejectUnauthorized)
      : null;
    if (opts.idleTimeoutMs > 0) {
      this.idleTimer = setTimeout(() => this.closeIdle(), opts.idleTimeoutMs);
      this.idleTimer.unref();
    }

    ws.on('message', (data: RawData, isBinary: boolean) => {
      try {
        const buf = toBuffer(data);
        this.tap?.fromPsr(buf, isBinary);
        this.ingest.frame(buf, isBinary, this.opts.now());
      } catch (e) {
        // A bug of ours must cost one frame, not the call (or the process).
        this.opts.logger.error('endpoint.frame_failed', { callId: this.callId, error: e instanceof Error ? e.stack : String(e) });
      }
    });
    ws.on('error', (err: Error & { code?: string }) => {
      // ws closes the socket itself after a protocol error (1009 for an oversized frame).
      const tooLarge = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      if (tooLarge) {
        this.ingest.countError('FRAME_TOO_LARGE');
        this.stopReason ??= 'frame_too_large';
      }
      log.internal('error', logMessage('socket.error', { error: err.message }), tooLarge ? 'FRAME_TOO_LARGE' : undefined);
    });
    ws.on('close', () => {
      this.end().catch((e: unknown) => this.opts.logger.error('endpoint.end_failed', { callId: this.callId, error: e instanceof Error ? e.stack : String(e) }));
    });
  }

  /** `<call_id>`, or `<call_id>~N` when an earlier connection holds that call_id's files. */
  get callId(): string {
    return this.files?.base ?? this.psrCallId;
  }

  /** The call_id PSR gave (made file-safe), the same for every connection of that call. */
  get streamCallId(): string {
    return this.psrCallId;
  }

  get recordingPath(): string | null {
    return this.files?.recordingPath ?? null;
  }

  get eventsPath(): string | null {
    return this.files?.eventsPath ?? null;
  }

  get stats() {
    return this.ingest.stats;
  }

  get layout(): ChannelLayout | null {
    return this.ingest.layout;
  }

  /** True from the first valid frame: the call has its files. */
  get isStarted(): boolean {
    return this.ingest.isStarted;
  }

  get isOpen(): boolean {
    return !this.ended && this.ws.readyState === this.ws.OPEN;
  }

  /** Bytes waiting to be sent to PSR: held by the socket, not yet taken by the kernel (bounded: send-backlog.ts). */
  get psrBacklog(): number {
    return this.ws.bufferedAmount;
  }

  get isConnected(): boolean {
    return this.ingest.connected;
  }

  get tapMode(): boolean {
    return this.tap !== null;
  }

  /** Call audio time in ms (audio received from PSR so far). */
  get audioMs(): number {
    return this.ingest.audioMs;
  }

  get listening(): boolean {
    return this.listeningOn;
  }

  /** Send the decoded PCM to the live view (someone listens to this call). */
  set listening(on: boolean) {
    this.listeningOn = on;
    this.ingest.onPcm = on ? (bytes, layout, t) => this.live?.pcm(bytes, legsOfLayout(layout), t) : null;
  }

  legs(): Leg[] {
    const legs = this.ingest.legs();
    return this.tap ? [...legs, 'botOut'] : legs;
  }

  internal(type: 'info' | 'warning' | 'error', message: LogMessage | string, code?: string): void {
    this.ingest.log.internal(type, message, code);
  }

  // ---- meters → live events -------------------------------------------------------------------

  window(leg: Leg, t: number, peakDbfs: number, rmsDbfs: number, clipped: boolean, speaking: boolean): void {
    this.live?.window({ leg, t, peakDbfs: round1(peakDbfs), rmsDbfs: round1(rmsDbfs), clipped, speaking }, this.opts.now());
  }

  voice(leg: Leg, speaking: boolean, t: number): void {
    this.emit?.('call:voice', { callId: this.callId, leg, speaking, t, at: this.opts.now() });
    this.opts.onVoice?.(this, leg, speaking, t);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** The first valid frame: reserve the files, open the log. Returns the recording path. */
  private start(_at: number): string | null {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      this.files = reserveCallFiles(this.opts.recordingsDir, this.psrCallId, (f) => this.meta(f, null, null, null));
    } catch (e) {
      this.ingest.countError('RECORDING_FAILED');
      this.ingest.log.coded(this.opts.now(), 'internal', 'error', 0, 'RECORDING_FAILED', { error: `cannot create the call's files: ${e instanceof Error ? e.message : String(e)}` });
      return null;
    }
    const live = this.emit ? new LiveBatcher(this.callId, this.emit, this.opts.now, (now) => this.ingest.stats.snapshot(now)) : null;
    this.live = live;
    this.ingest.log.open(this.files.eventsPath, live ? (e) => live.entry(e) : null);
    if (this.files.base !== this.psrCallId) this.internal('info', logMessage('call.id_taken', { callId: this.psrCallId, fileId: this.files.base }));
    if (this.listeningOn) this.listening = true;
    return this.files.recordingPath;
  }

  private announceStart(): void {
    if (this.startedSent) return;
    this.startedSent = true;
    const info: CallStarted = {
      callId: this.callId,
      source: 'endpoint',
      startedAt: this.connectedAt,
      tenant: this.tenant,
      query: this.query,
      channel: this.layout,
      legs: this.legs(),
      recordingPath: this.recordingPath ?? '',
    };
    this.emit?.('call:started', info);
    this.opts.onStarted?.(this, info);
  }

  private onClosedFrame(): void {
    // PSR closes the socket after `closed`; if it does not, do it for it.
    this.closeTimer = setTimeout(() => this.ws.close(1000, 'closed received'), 5000);
    this.closeTimer.unref();
  }

  private closeIdle(): void {
    this.idleTimer = null;
    if (this.ingest.isStarted || this.ended) return;
    this.opts.logger.info('endpoint.idle_closed', { callId: this.psrCallId, afterMs: this.opts.idleTimeoutMs });
    this.stopReason ??= 'idle';
    this.ws.close(1008, `no valid frame within ${Math.round(this.opts.idleTimeoutMs / 1000)} s`);
  }

  /** Ask the session to end (server stopping, or room for another call): close the socket; end() follows. */
  stop(reason: string, code = 1001, text = 'endpoint stopping'): void {
    this.stopReason ??= reason;
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, text);
    else this.end().catch(() => {});
  }

  /** Kill the socket without a close handshake (used when the handshake does not finish). */
  terminate(reason: string): void {
    this.stopReason ??= reason;
    this.ws.terminate();
  }

  private async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.tap?.close();
    this.botOut.dispose();
    const ingest = this.ingest;
    if (!ingest.isStarted) {
      // Never a call: no files, no live events; the app log keeps a line.
      await ingest.log.close();
      this.opts.logger.info('endpoint.connection_without_call', { callId: this.psrCallId, reason: this.stopReason ?? 'closed', errors: ingest.stats.snapshot(this.opts.now()).errors });
      this.opts.onEnded(this, null);
      this.resolveFinished(null);
      return;
    }
    const at = this.opts.now();
    const reason = ingest.closedReceived ? 'closed' : (this.stopReason ?? (this.actions.hangupSent ? 'hangup' : 'dropped'));
    if (reason === 'dropped') ingest.bad(at, 'unknown', 0, 'CALL_DROPPED');
    else this.internal('info', logMessage('call.ended', { reason }));
    const rec = ingest.recording;
    if (rec && rec.framesLeftOut > 0) this.internal('warning', logMessage('channel.left_out', { ms: Math.round((rec.framesLeftOut * 1000) / 8000), file: rec.fileLayout }), 'FRAME_CHANNEL_CHANGED');
    let recordingPath: string | null = rec?.hasFile ? this.recordingPath : null;
    const failed = rec ? await rec.close() : null;
    if (failed) {
      ingest.log.coded(this.opts.now(), 'internal', 'error', 0, 'RECORDING_FAILED', { error: `recording failed: ${failed.message}` });
      recordingPath = null;
    }
    const stats = ingest.stats.snapshot(at);
    const endedAt = this.opts.now();
    this.live?.dispose();
    await ingest.log.close();
    if (this.files) {
      await rewriteMeta(this.files, this.meta(this.files, endedAt, reason, stats)).catch((e: unknown) => this.opts.logger.warn('endpoint.meta_failed', { callId: this.callId, error: String(e) }));
    }
    const info: CallEnded = { callId: this.callId, endedAt, reason, stats, recordingPath };
    this.emit?.('call:ended', info);
    this.opts.onEnded(this, info);
    this.resolveFinished(info);
  }

  private meta(files: CallFiles, endedAt: number | null, reason: string | null, stats: FrameStats | null): string {
    const rec = this.ingest.recording;
    const meta: CallMeta = {
      callId: files.base,
      source: 'endpoint',
      startedAt: this.connectedAt,
      endedAt,
      query: this.query,
      tenant: this.tenant,
      channel: this.layout,
      legs: this.legs(),
      reason,
      stats,
      recording: endedAt === null || rec?.hasFile ? path.basename(files.recordingPath) : null,
      events: path.basename(files.eventsPath),
      tap: this.tap ? this.tap.target : null,
    };
    // The schema the call library reads with: a mistake here fails loudly in tests, not in the library.
    return JSON.stringify(callMetaSchema.parse(meta), null, 2);
  }
}

function legsOfLayout(layout: ChannelLayout): Leg[] {
  return layout === 'stereo' ? ['A', 'B'] : layout === 'mono_a' ? ['A'] : ['B'];
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Live events are a view; a failing listener must not take the call down. */
function safeEmit(emit: EmitFn, logger: Logger): EmitFn {
  return (name, payload) => {
    try {
      emit(name, payload);
    } catch (e) {
      logger.error('endpoint.emit_failed', { event: name, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
