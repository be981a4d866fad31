// One PSR call = one WebSocket connection. Reads PSR's frames (SPEC §2), meters and records every
// leg, logs every message both ways, sends actions (SPEC §3), and in tap mode relays everything to
// an upstream bot. Bad input is logged with a stable code, counted and skipped: it never ends a call.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WebSocket, RawData } from 'ws';
import { callMetaSchema, logMessage, type CallMeta, type LogMessage, type LogMessageCode, type LogParams } from '../../shared/call-log';
import type { CallEnded, CallStarted, ChannelLayout, FrameStats, Leg, LogEntry } from '../../shared/contract/live';
import { FrameStatsTracker } from '../../shared/audio/frame-stats';
import { PcmFrameDecoder, channelsOf, expectedBase64Length, isChannelLayout, legsOf } from '../../shared/audio/pcm-layout';
import type { EndpointErrorCode as EndpointOnlyCode } from '../../shared/endpoint-errors';
import type { StreamErrorCode } from '../../shared/psr-stream';

type EndpointErrorCode = EndpointOnlyCode | StreamErrorCode;
import { WavRecorder } from '../audio/wav-recorder';
import type { Logger } from '../logger';
import { elidePayload, type ActionKind } from './actions';
import { BotOutMeter } from './bot-out';
import { CallLogWriter } from './jsonl-writer';
import { LegMeter, type LegWindowSink } from './leg-meter';
import { LiveBatcher, type EmitFn } from './live-batcher';
import { UpstreamRelay, redactUrl, toBuffer, upstreamTarget } from './upstream';

export interface SessionOptions {
  recordingsDir: string;
  logger: Logger;
  now: () => number;
  emit?: EmitFn;
  /** Text frames above this are logged FRAME_TOO_LARGE and skipped (the socket stays open). */
  softFrameLimit: number;
  upstreamUrl?: string | null;
  upstreamRejectUnauthorized?: boolean;
  /** Called once the call has a layout (or ended without one): after call:started. */
  onStarted?(s: CallSession, info: CallStarted): void;
  onEnded(s: CallSession, info: CallEnded): void;
  /** Hooks for greeting / embedded bot; see endpoint-service. */
  onConnected?(s: CallSession): void;
  onVoice?(s: CallSession, leg: Leg, speaking: boolean, t: number): void;
}

const SAFE_ID = /[^A-Za-z0-9._-]/g;

/** A call id usable as a file name: PSR's ids are UUIDs; anything else is made safe, never trusted as a path. */
export function fileSafeCallId(raw: string | null): string {
  const cleaned = (raw ?? '').replace(SAFE_ID, '_').replace(/^\.+/, '_').slice(0, 100);
  return cleaned.length > 0 ? cleaned : `no-call-id-${randomUUID()}`;
}

/**
 * `<call_id>` normally; `<call_id>~2`, `~3`… when files of that call already exist (PSR reconnecting
 * with the same call_id), so a second connection never truncates the first one's recording.
 */
function uniqueFileBase(dir: string, callId: string): string {
  let base = callId;
  for (let n = 2; n < 1000 && (fs.existsSync(path.join(dir, `${base}.meta.json`)) || fs.existsSync(path.join(dir, `${base}.wav`))); n++) base = `${callId}~${n}`;
  return base;
}

export class CallSession implements LegWindowSink {
  readonly callId: string;
  readonly query: Record<string, string>;
  readonly tenant: string | null;
  readonly connectedAt: number;
  readonly recordingPath: string;
  readonly eventsPath: string;
  readonly metaPath: string;
  readonly stats: FrameStatsTracker;
  layout: ChannelLayout | null = null;
  listening = false;
  private decoder: PcmFrameDecoder | null = null;
  private recorder: WavRecorder | null = null;
  private readonly meters = new Map<Leg, LegMeter>();
  private readonly botOut: BotOutMeter;
  private readonly log: CallLogWriter;
  private readonly live: LiveBatcher | null;
  private readonly upstream: UpstreamRelay | null;
  private scratch = Buffer.allocUnsafe(8192);
  private connected = false;
  private closedReceived = false;
  private hangupSent = false;
  private stopReason: string | null = null;
  private started = false;
  private ended = false;
  private framesTotal = 0;
  private closeTimer: NodeJS.Timeout | null = null;
  readonly finished: Promise<CallEnded>;
  private resolveFinished!: (e: CallEnded) => void;
  private readonly rawQuery: URLSearchParams;

  constructor(
    private readonly ws: WebSocket,
    requestUrl: string,
    private opts: SessionOptions,
  ) {
    this.finished = new Promise((r) => (this.resolveFinished = r));
    if (opts.emit) {
      const emit = opts.emit;
      const logger = opts.logger;
      // Live events are a view; a failing listener must not take the call down.
      this.opts = { ...opts, emit: (name, payload) => {
        try {
          emit(name, payload);
        } catch (e) {
          logger.error('endpoint.emit_failed', { event: name, error: e instanceof Error ? e.message : String(e) });
        }
      } };
    }
    this.connectedAt = opts.now();
    this.rawQuery = new URL(requestUrl, 'http://endpoint.invalid').searchParams;
    this.query = Object.fromEntries(this.rawQuery.entries());
    this.tenant = this.query.tenant ?? null;
    this.callId = fileSafeCallId(this.query.call_id ?? null);
    const base = uniqueFileBase(opts.recordingsDir, this.callId);
    this.recordingPath = path.join(opts.recordingsDir, `${base}.wav`);
    this.eventsPath = path.join(opts.recordingsDir, `${base}.events.jsonl`);
    this.metaPath = path.join(opts.recordingsDir, `${base}.meta.json`);
    this.stats = new FrameStatsTracker();
    const live = this.opts.emit ? new LiveBatcher(this.callId, this.opts.emit, opts.now) : null;
    this.live = live;
    this.log = new CallLogWriter(this.eventsPath, live ? (e) => live.entry(e) : null);
    this.botOut = new BotOutMeter(this.legMeter('botOut'), (code, detail) => this.internal('warning', detail, code));
    if (this.query.call_id === undefined) this.internal('warning', logMessage('call.no_call_id'), 'CALL_NO_CALL_ID');
    else if (this.callId !== this.query.call_id) this.internal('warning', logMessage('call.id_renamed', { callId: this.query.call_id.slice(0, 120), fileId: this.callId }));
    this.internal('info', logMessage('socket.opened', { params: Object.keys(this.query).length }));

    this.upstream = opts.upstreamUrl ? this.openUpstream(opts.upstreamUrl) : null;

    ws.on('message', (data: RawData, isBinary: boolean) => {
      try {
        this.onFrame(toBuffer(data), isBinary);
      } catch (e) {
        // A bug of ours must cost one frame, not the call (or the process).
        this.opts.logger.error('endpoint.frame_failed', { callId: this.callId, error: e instanceof Error ? e.stack : String(e) });
      }
    });
    ws.on('error', (err: Error & { code?: string }) => {
      // ws closes the socket itself after a protocol error (1009 for an oversized frame).
      const code: EndpointErrorCode | undefined = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'FRAME_TOO_LARGE' : undefined;
      if (code) this.stats.error(code);
      this.internal('error', logMessage('socket.error', { error: err.message }), code);
      if (code) this.stopReason ??= 'frame_too_large';
    });
    ws.on('close', () => {
      this.end().catch((e: unknown) => this.opts.logger.error('endpoint.end_failed', { callId: this.callId, error: e instanceof Error ? e.stack : String(e) }));
    });
  }

  get isOpen(): boolean {
    return !this.ended && this.ws.readyState === this.ws.OPEN;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get tapMode(): boolean {
    return this.upstream !== null;
  }

  /** Call audio time in ms (audio received from PSR so far). */
  get audioMs(): number {
    return (this.framesTotal * 1000) / 8000;
  }

  legs(): Leg[] {
    const legs = this.layout ? legsOf(this.layout) : [];
    return this.upstream ? [...legs, 'botOut'] : legs;
  }

  // ---- PSR → endpoint -------------------------------------------------------------------------

  private onFrame(data: Buffer, isBinary: boolean): void {
    const at = this.opts.now();
    // Tap mode forwards first and untouched, whatever the frame is: the bot decides what is bad.
    this.upstream?.send(data, isBinary);
    if (isBinary) return this.bad(at, 'binary', data.length, 'FRAME_BINARY', { bytes: data.length });
    if (this.closedReceived) return this.bad(at, 'unknown', data.length, 'FRAME_AFTER_CLOSED');
    if (data.length > this.opts.softFrameLimit) return this.bad(at, 'unknown', data.length, 'FRAME_TOO_LARGE', { bytes: data.length, limit: this.opts.softFrameLimit });
    let msg: unknown;
    const text = data.toString('utf8');
    try {
      msg = JSON.parse(text);
    } catch {
      return this.bad(at, 'text', data.length, 'FRAME_NOT_JSON', { text: JSON.stringify(text.slice(0, 60)) });
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg) || typeof (msg as { event?: unknown }).event !== 'string') {
      return this.bad(at, 'unknown', data.length, 'FRAME_BAD_SHAPE');
    }
    const m = msg as { event: string; timestamp?: unknown; media?: { payload?: unknown }; data?: { channel?: unknown; call_id?: unknown } };
    switch (m.event) {
      case 'media':
        return this.onMedia(m, text, data.length, at);
      case 'connected':
        return this.onConnected(m, data.length, at);
      case 'closed':
        return this.onClosed(m, data.length, at);
      default:
        return this.bad(at, m.event.slice(0, 40), data.length, 'FRAME_UNKNOWN_EVENT', { event: JSON.stringify(m.event.slice(0, 40)) }, elidePayload(m));
    }
  }

  private onConnected(m: { data?: { channel?: unknown; call_id?: unknown } }, size: number, at: number): void {
    if (this.connected) return this.bad(at, 'connected', size, 'FRAME_DUPLICATE_CONNECTED', {}, elidePayload(m));
    this.connected = true;
    const ch = m.data?.channel;
    let code: string | undefined;
    if (isChannelLayout(ch)) this.setLayout(ch, at);
    else if (ch !== undefined) code = this.countError('FRAME_BAD_CHANNEL');
    this.checkCallId(m.data?.call_id, at);
    this.entry(at, 'in', 'connected', size, logMessage('frame.connected', { layout: this.layout }), code, elidePayload(m));
    this.ensureStarted();
    this.opts.onConnected?.(this);
  }

  private onMedia(m: { timestamp?: unknown; media?: { payload?: unknown }; data?: { channel?: unknown } }, text: string, size: number, at: number): void {
    const payload = m.media?.payload;
    if (typeof payload !== 'string') return this.bad(at, 'media', size, 'FRAME_NO_PAYLOAD', {}, elidePayload(m));
    let code: string | undefined;
    if (!this.connected) code = this.countError('FRAME_MEDIA_BEFORE_CONNECTED');
    const ch = m.data?.channel;
    if (ch !== undefined && !isChannelLayout(ch)) code = this.countError('FRAME_BAD_CHANNEL');
    const layout: ChannelLayout = isChannelLayout(ch) ? ch : (this.layout ?? 'stereo');
    if (layout !== this.layout) {
      if (this.layout !== null) code = this.countError('FRAME_CHANNEL_CHANGED');
      this.setLayout(layout, at);
    }
    this.ensureStarted();
    const expected = expectedBase64Length(payload);
    if (expected < 0) return this.bad(at, 'media', size, 'FRAME_BAD_BASE64', { reason: 'length' }, elidePayload(m));
    if (this.scratch.length < expected) this.scratch = Buffer.allocUnsafe(Math.max(expected, this.scratch.length * 2));
    const n = expected === 0 ? 0 : this.scratch.write(payload, 0, 'base64');
    if (n !== expected) return this.bad(at, 'media', size, 'FRAME_BAD_BASE64', { reason: 'characters' }, elidePayload(m));
    const decoded = this.decoder!.push(this.scratch.subarray(0, n));
    if (decoded.split) code = this.countError('FRAME_PARTIAL_SAMPLE');
    const t = this.audioMs;
    if (decoded.frames > 0) {
      this.recordFrames(decoded.samples, decoded.bytes, decoded.frames, layout);
      this.meterFrames(decoded.samples, decoded.frames, layout);
      if (this.listening && this.live) this.live.pcm(decoded.bytes, legsOf(layout), t);
      this.framesTotal += decoded.frames;
    }
    const ts = typeof m.timestamp === 'number' ? m.timestamp : Number.NaN;
    this.stats.media(n, decoded.frames, ts, at);
    this.log.media(at, size, n, decoded.frames, layout, code, elideInText(text, payload, n) ?? elidePayload(m));
  }

  private onClosed(m: unknown, size: number, at: number): void {
    this.closedReceived = true;
    this.entry(at, 'in', 'closed', size, logMessage('frame.closed'), undefined, elidePayload(m));
    this.ensureStarted();
    // PSR closes the socket after `closed`; if it does not, do it for it.
    this.closeTimer = setTimeout(() => this.ws.close(1000, 'closed received'), 5000);
    this.closeTimer.unref();
  }

  private checkCallId(id: unknown, at: number): void {
    if (typeof id === 'string' && this.query.call_id !== undefined && id !== this.query.call_id) {
      this.countError('FRAME_CALL_ID_MISMATCH');
      this.entry(at, 'internal', 'warning', 0, logMessage('FRAME_CALL_ID_MISMATCH', { callId: JSON.stringify(id.slice(0, 80)) }), 'FRAME_CALL_ID_MISMATCH');
    }
  }

  private setLayout(layout: ChannelLayout, at: number): void {
    if (this.layout === layout) return;
    const previous = this.layout;
    this.layout = layout;
    if (!this.decoder) this.decoder = new PcmFrameDecoder(layout);
    else {
      const dropped = this.decoder.setLayout(layout);
      this.entry(at, 'internal', 'warning', 0, logMessage('channel.changed', { from: previous, to: layout, dropped, channels: this.recorder?.channels ?? null }), 'FRAME_CHANNEL_CHANGED');
    }
    for (const leg of legsOf(layout)) this.legMeter(leg).alignTo(this.audioMs);
    if (!this.recorder) {
      try {
        this.recorder = WavRecorder.create(this.recordingPath, { channels: channelsOf(layout) });
        this.firstMonoLeg = layout === 'mono_b' ? 1 : 0;
      } catch (e) {
        this.countError('RECORDING_FAILED');
        this.internal('error', logMessage('RECORDING_FAILED', { error: `cannot create the recording: ${e instanceof Error ? e.message : String(e)}` }), 'RECORDING_FAILED');
      }
    }
  }

  private legMeter(leg: Leg): LegMeter {
    let m = this.meters.get(leg);
    if (!m) {
      m = new LegMeter(leg, this);
      this.meters.set(leg, m);
    }
    return m;
  }

  private meterFrames(samples: Int16Array, frames: number, layout: ChannelLayout): void {
    if (layout === 'stereo') {
      this.meters.get('A')!.push(samples, 0, 2, frames);
      this.meters.get('B')!.push(samples, 1, 2, frames);
    } else this.meters.get(layout === 'mono_a' ? 'A' : 'B')!.push(samples, 0, 1, frames);
  }

  private mapBuf: Int16Array = new Int16Array(0);

  /** Write frames in the recording's own layout (fixed by the first layout seen). */
  private recordFrames(samples: Int16Array, bytes: Uint8Array, frames: number, layout: ChannelLayout): void {
    const rec = this.recorder;
    if (!rec) return;
    if (rec.channels === channelsOf(layout)) return rec.write(bytes);
    // Layout changed mid-call: stereo file ← one leg (other channel silent); mono file ← the leg it started with.
    if (rec.channels === 2) {
      if (this.mapBuf.length < frames * 2) this.mapBuf = new Int16Array(frames * 2);
      const out = this.mapBuf;
      const off = layout === 'mono_a' ? 0 : 1;
      out.fill(0, 0, frames * 2);
      for (let i = 0; i < frames; i++) out[i * 2 + off] = samples[i]!;
      rec.write(new Uint8Array(out.buffer, 0, frames * 4));
    } else {
      if (this.mapBuf.length < frames) this.mapBuf = new Int16Array(frames);
      const out = this.mapBuf;
      const recordedLeg = this.firstMonoLeg;
      for (let i = 0; i < frames; i++) out[i] = samples[i * 2 + recordedLeg]!;
      rec.write(new Uint8Array(out.buffer, 0, frames * 2));
    }
  }

  /** Which stereo channel a mono recording keeps if PSR switches to stereo mid-call. */
  private firstMonoLeg: 0 | 1 = 0;

  // ---- meters → live events -------------------------------------------------------------------

  window(leg: Leg, t: number, peakDbfs: number, rmsDbfs: number, clipped: boolean, speaking: boolean): void {
    this.live?.window({ leg, t, peakDbfs: round1(peakDbfs), rmsDbfs: round1(rmsDbfs), clipped, speaking }, this.opts.now());
  }

  voice(leg: Leg, speaking: boolean, t: number): void {
    this.opts.emit?.('call:voice', { callId: this.callId, leg, speaking, t, at: this.opts.now() });
    this.opts.onVoice?.(this, leg, speaking, t);
  }

  // ---- endpoint → PSR -------------------------------------------------------------------------

  /** Send an action to PSR. Returns false (and logs) when the socket is not open. */
  sendAction(kind: ActionKind, msg: Record<string, unknown>, origin: string, detail: string): boolean {
    const at = this.opts.now();
    if (!this.isOpen) {
      this.internal('warning', logMessage('action.not_sent', { kind }));
      return false;
    }
    const text = JSON.stringify(msg);
    this.ws.send(text);
    this.afterOutgoing(kind, msg, text.length, origin, detail, at);
    return true;
  }

  /** Send a text frame exactly as given (the console's composer; deliberately wrong frames included). */
  sendRaw(text: string, origin: string): boolean {
    const at = this.opts.now();
    if (!this.isOpen) {
      this.internal('warning', logMessage('action.not_sent', { kind: 'raw' }));
      return false;
    }
    this.ws.send(text);
    let msg: Record<string, unknown> = {};
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) msg = v as Record<string, unknown>;
    } catch {
      // Not JSON: sent anyway, logged as text.
    }
    this.afterOutgoing(typeof msg.event === 'string' ? msg.event : 'text', msg, Buffer.byteLength(text), origin, 'raw frame', at);
    return true;
  }

  private afterOutgoing(kind: ActionKind | string, msg: Record<string, unknown>, size: number, origin: string, detail: string, at: number): void {
    this.entry(at, 'out', kind, size, logMessage('action.sent', { kind, origin, detail, t: this.audioMs }), undefined, elidePayload(msg));
    if (kind === 'media' || kind === 'chunk' || kind === 'transfer' || kind === 'hangup') {
      this.opts.emit?.('call:action', { callId: this.callId, kind, at, t: this.audioMs, detail, origin });
    }
    if (kind === 'hangup') this.hangupSent = true;
    this.botOut.feed(msg, this.audioMs);
  }

  // ---- tap mode -------------------------------------------------------------------------------

  private openUpstream(url: string): UpstreamRelay {
    const target = upstreamTarget(url, this.rawQuery);
    this.internal('info', logMessage('tap.relaying', { url: redactUrl(target) }));
    return new UpstreamRelay(
      target,
      {
        open: () => this.internal('info', logMessage('tap.connected')),
        failed: (code, detail) => {
          this.countError(code);
          this.internal('error', logMessage('note', { text: detail }), code);
        },
        message: (data, isBinary) => {
          try {
            this.onBotFrame(data, isBinary);
          } catch (e) {
            this.opts.logger.error('endpoint.bot_frame_failed', { callId: this.callId, error: e instanceof Error ? e.stack : String(e) });
          }
        },
      },
      { rejectUnauthorized: this.opts.upstreamRejectUnauthorized },
    );
  }

  private onBotFrame(data: Buffer, isBinary: boolean): void {
    const at = this.opts.now();
    if (!this.isOpen) return;
    // Byte-identical: the very buffer the bot sent, with its text/binary flag.
    this.ws.send(data, { binary: isBinary });
    if (isBinary) return this.entry(at, 'out', 'binary', data.length, logMessage('bot.binary_relayed', { bytes: data.length }));
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString('utf8'));
    } catch {
      return this.entry(at, 'out', 'text', data.length, logMessage('bot.text_relayed', { text: JSON.stringify(data.toString('utf8', 0, Math.min(60, data.length))) }));
    }
    const event = typeof (msg as { event?: unknown })?.event === 'string' ? (msg as { event: string }).event : 'unknown';
    const detail = describeBotAction(msg as Record<string, unknown>);
    this.afterOutgoing(event, msg as Record<string, unknown>, data.length, 'bot', detail, at);
  }

  // ---- logging --------------------------------------------------------------------------------

  private countError(code: EndpointErrorCode): string {
    this.stats.error(code);
    return code;
  }

  private bad(at: number, type: string, size: number, code: EndpointErrorCode & LogMessageCode, params: LogParams = {}, json?: string): void {
    this.stats.error(code);
    this.entry(at, 'in', type, size, logMessage(code, params), code, json);
  }

  /** An internal note in the call's log; free text (from a bot or the console) is logged as a `note`. */
  internal(type: 'info' | 'warning' | 'error', message: LogMessage | string, code?: string): void {
    const msg = typeof message === 'string' ? logMessage('note', { text: message }) : message;
    this.entry(this.opts.now(), 'internal', type, 0, msg, code);
    if (type !== 'info') this.opts.logger.warn(`endpoint.${type}`, { callId: this.callId, code, msg });
  }

  private entry(at: number, dir: LogEntry['dir'], type: string, size: number, msg: LogMessage, code?: string, json?: string): void {
    this.log.entry(at, dir, type, size, msg, code, json);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  private startedInfo(): CallStarted {
    return {
      callId: this.callId,
      source: 'endpoint',
      startedAt: this.connectedAt,
      tenant: this.tenant,
      query: this.query,
      channel: this.layout,
      legs: this.legs(),
      recordingPath: this.recordingPath,
    };
  }

  private ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    const info = this.startedInfo();
    this.writeMetaSync(null, null, null);
    this.opts.emit?.('call:started', info);
    this.opts.onStarted?.(this, info);
  }

  /** Ask the session to end (server stopping): close the socket; end() follows from its close event. */
  stop(reason: string): void {
    this.stopReason ??= reason;
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(1001, 'endpoint stopping');
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
    const at = this.opts.now();
    const reason = this.closedReceived ? 'closed' : (this.stopReason ?? (this.hangupSent ? 'hangup' : 'dropped'));
    if (reason === 'dropped') this.bad(at, 'unknown', 0, 'CALL_DROPPED');
    else this.internal('info', logMessage('call.ended', { reason }));
    this.upstream?.close();
    this.botOut.dispose();
    this.ensureStarted();
    let recordingPath: string | null = this.recorder ? this.recordingPath : null;
    if (this.recorder) {
      await this.recorder.close();
      if (this.recorder.error) {
        this.internal('error', logMessage('RECORDING_FAILED', { error: `recording failed: ${this.recorder.error.message}` }), 'RECORDING_FAILED');
        recordingPath = null;
      }
    }
    const stats = this.stats.snapshot(at);
    const endedAt = this.opts.now();
    this.live?.dispose();
    await this.log.close();
    await this.writeMeta(endedAt, reason, stats).catch((e: unknown) => this.opts.logger.warn('endpoint.meta_failed', { callId: this.callId, error: String(e) }));
    const info: CallEnded = { callId: this.callId, endedAt, reason, stats, recordingPath };
    this.opts.emit?.('call:ended', info);
    this.opts.onEnded(this, info);
    this.resolveFinished(info);
  }

  private meta(endedAt: number | null, reason: string | null, stats: FrameStats | null): string {
    const meta: CallMeta = {
      callId: this.callId,
      source: 'endpoint',
      startedAt: this.connectedAt,
      endedAt,
      query: this.query,
      tenant: this.tenant,
      channel: this.layout,
      legs: this.legs(),
      reason,
      stats,
      recording: this.recorder ? path.basename(this.recordingPath) : null,
      events: path.basename(this.eventsPath),
      tap: this.upstream ? redactUrl(this.upstream.target) : null,
    };
    // The schema the call library reads with: a mistake here fails loudly in tests, not in the library.
    return JSON.stringify(callMetaSchema.parse(meta), null, 2);
  }

  private writeMetaSync(endedAt: number | null, reason: string | null, stats: FrameStats | null): void {
    try {
      fs.writeFileSync(this.metaPath, this.meta(endedAt, reason, stats));
    } catch (e) {
      this.opts.logger.warn('endpoint.meta_failed', { callId: this.callId, error: String(e) });
    }
  }

  private async writeMeta(endedAt: number, reason: string, stats: FrameStats): Promise<void> {
    // Write-then-rename so a reader never sees half a file.
    const tmp = `${this.metaPath}.tmp`;
    await fs.promises.writeFile(tmp, this.meta(endedAt, reason, stats));
    await fs.promises.rename(tmp, this.metaPath);
  }
}

/**
 * The frame's own text with its payload swapped for a size note: base64 needs no JSON escaping, so
 * the payload appears verbatim. Cheaper than re-serialising every media frame; null if not found.
 */
function elideInText(text: string, payload: string, bytes: number): string | null {
  if (payload.length < 16) return null;
  const i = text.indexOf(payload);
  if (i < 0) return null;
  return `${text.slice(0, i)}<${bytes} bytes base64>${text.slice(i + payload.length)}`;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function describeBotAction(msg: Record<string, unknown>): string {
  const media = msg.media as { payload?: unknown; is_sync?: unknown; format?: unknown } | undefined;
  const size = typeof media?.payload === 'string' ? Math.floor((media.payload.length * 3) / 4) : 0;
  switch (msg.event) {
    case 'media':
      return `WAV ${size} B, is_sync=${String(media?.is_sync ?? false)}`;
    case 'chunk':
      return `${String(media?.format ?? 'mp3')} chunk ${size} B`;
    case 'transfer':
      return `to ${String((msg.data as { extension?: unknown } | undefined)?.extension ?? '?')}`;
    default:
      return String(msg.event ?? 'unknown');
  }
}
