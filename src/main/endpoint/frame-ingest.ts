// The hot path of a call: PSR's frame → read (the stream protocol's reader) → sequence rules →
// decode → meter → record → log. No socket: a CallSession feeds it frames, and so can a test or
// the ingest benchmark. The first valid frame starts the call (its files are reserved then).
import type { ChannelLayout, Leg } from '../../shared/contract/live';
import { FrameStatsTracker } from '../../shared/audio/frame-stats';
import { logMessage, type LogParams } from '../../shared/call-log';
import { MediaFrameMemo, elidePayloadInText, messageForLog, readPsrFrame, type PsrFrame, type StreamErrorCode } from '../../shared/psr-stream';
import type { EndpointErrorCode } from '../../shared/endpoint-errors';
import { NodePayloadScratch } from '../psr-stream/node-scratch';
import { CallLog } from './call-log';
import { CallRecording } from './call-recording';
import type { LegWindowSink } from './leg-meter';

export type CallErrorCode = EndpointErrorCode | StreamErrorCode;

export interface IngestHooks {
  /** The first valid frame arrived: reserve the files. Returns the recording path (null: record nothing). */
  start(at: number): string | null;
  /** After start: the call's layout is known (or the frame had none). */
  started(): void;
  connected(): void;
  closed(): void;
}

export class CallIngest {
  readonly stats = new FrameStatsTracker();
  readonly log: CallLog;
  recording: CallRecording | null = null;
  connected = false;
  closedReceived = false;
  /** Set when listening: decoded PCM of every media frame, for the live view. */
  onPcm: ((bytes: Uint8Array, layout: ChannelLayout, t: number) => void) | null = null;
  private started = false;
  private readonly scratch = new NodePayloadScratch();
  private readonly readOpts: { scratch: NodePayloadScratch; maxTextBytes: number; memo: MediaFrameMemo };

  constructor(
    private readonly queryCallId: string | undefined,
    private readonly sink: LegWindowSink,
    private readonly hooks: IngestHooks,
    private readonly opts: { now: () => number; logger: import('../logger').Logger; softFrameLimit: number; idForAppLog: () => string },
  ) {
    this.log = new CallLog(opts.now, opts.logger, opts.idForAppLog);
    this.readOpts = { scratch: this.scratch, maxTextBytes: opts.softFrameLimit, memo: new MediaFrameMemo() };
  }

  get isStarted(): boolean {
    return this.started;
  }

  get layout(): ChannelLayout | null {
    return this.recording?.layout ?? null;
  }

  get audioMs(): number {
    return this.recording?.audioMs ?? 0;
  }

  /** One WebSocket frame from PSR. */
  frame(data: Uint8Array, isBinary: boolean, at: number): void {
    if (this.closedReceived) return this.bad(at, isBinary ? 'binary' : 'unknown', data.length, 'FRAME_AFTER_CLOSED');
    const f = readPsrFrame(data, isBinary, this.readOpts);
    switch (f.type) {
      case 'media':
        return this.onMedia(f, at);
      case 'connected':
        return this.onConnected(f, at);
      case 'closed':
        return this.onClosed(f, at);
      default:
        return this.bad(at, f.event, f.size, f.code, f.params, f.detail, f.message ? messageForLog(f.message) : undefined);
    }
  }

  /** Make sure the call has started (first valid frame, or the end of a call that had one). */
  ensureStarted(at: number): void {
    if (this.started) return;
    this.started = true;
    const recordingPath = this.hooks.start(at);
    this.recording = new CallRecording(recordingPath, this.sink, (detail) => {
      this.countError('RECORDING_FAILED');
      this.log.coded(this.opts.now(), 'internal', 'error', 0, 'RECORDING_FAILED', { error: detail });
    });
  }

  private onConnected(f: Extract<PsrFrame, { type: 'connected' }>, at: number): void {
    this.ensureStarted(at);
    if (this.connected) return this.bad(at, 'connected', f.size, 'FRAME_DUPLICATE_CONNECTED', {}, undefined, messageForLog(f.message));
    this.connected = true;
    let code: string | undefined;
    if (f.channel) this.setLayout(f.channel, at);
    else if (f.badChannel) code = this.countError('FRAME_BAD_CHANNEL');
    this.checkCallId(f.callId, at);
    this.log.entry(at, 'in', 'connected', f.size, logMessage('frame.connected', { layout: this.layout }), code, messageForLog(f.message));
    this.hooks.started();
    this.hooks.connected();
  }

  private onMedia(f: Extract<PsrFrame, { type: 'media' }>, at: number): void {
    const first = !this.started;
    this.ensureStarted(at);
    let code: string | undefined;
    if (!this.connected) code = this.countError('FRAME_MEDIA_BEFORE_CONNECTED');
    if (f.badChannel) code = this.countError('FRAME_BAD_CHANNEL');
    const layout: ChannelLayout = f.channel ?? this.layout ?? 'stereo';
    if (layout !== this.layout) {
      if (this.layout !== null) code = this.countError('FRAME_CHANNEL_CHANGED');
      this.setLayout(layout, at);
    }
    if (first) this.hooks.started();
    const rec = this.recording;
    const n = f.audio.length;
    let frames = 0;
    if (rec) {
      const t = rec.audioMs;
      const d = rec.push(f.audio);
      frames = d.frames;
      if (d.split) code = this.countError('FRAME_PARTIAL_SAMPLE');
      if (frames > 0 && this.onPcm) this.onPcm(d.bytes, layout, t);
    }
    this.stats.media(n, frames, f.timestamp ?? Number.NaN, at);
    if (f.payloadStart >= 0) this.log.mediaAt(at, f.size, n, frames, layout, code, f.text, f.payloadStart, f.payloadEnd);
    else this.log.media(at, f.size, n, frames, layout, code, elidePayloadInText(f.text, f.payload, n) ?? messageForLog(f.message));
  }

  private onClosed(f: Extract<PsrFrame, { type: 'closed' }>, at: number): void {
    this.ensureStarted(at);
    this.closedReceived = true;
    this.log.entry(at, 'in', 'closed', f.size, logMessage('frame.closed'), undefined, messageForLog(f.message));
    this.hooks.started();
    this.hooks.closed();
  }

  private setLayout(layout: ChannelLayout, at: number): void {
    const rec = this.recording;
    if (!rec || rec.layout === layout) return;
    const previous = rec.layout;
    const dropped = rec.setLayout(layout);
    if (previous !== null) {
      const channels = rec.channels ?? (rec.fileLayout === 'stereo' ? 2 : 1);
      this.log.entry(at, 'internal', 'warning', 0, logMessage('channel.changed', { from: previous, to: layout, dropped, channels }), 'FRAME_CHANNEL_CHANGED');
    }
  }

  private checkCallId(id: string | null, at: number): void {
    if (id !== null && this.queryCallId !== undefined && id !== this.queryCallId) {
      this.countError('FRAME_CALL_ID_MISMATCH');
      this.log.coded(at, 'internal', 'warning', 0, 'FRAME_CALL_ID_MISMATCH', { callId: JSON.stringify(id.slice(0, 80)) });
    }
  }

  countError(code: CallErrorCode): string {
    this.stats.error(code);
    return code;
  }

  bad(at: number, type: string, size: number, code: CallErrorCode, params: LogParams = {}, detail?: string, json?: string): void {
    this.stats.error(code);
    this.log.coded(at, 'in', type, size, code, params, detail, json);
  }

  /** Legs PSR streams in this call (plus the bot's outgoing audio, metered as `botOut`, by the caller). */
  legs(): Leg[] {
    const layout = this.layout;
    if (!layout) return [];
    return layout === 'stereo' ? ['A', 'B'] : layout === 'mono_a' ? ['A'] : ['B'];
  }
}
