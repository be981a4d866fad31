// One generated PSR call inside a generator worker: opens the WebSocket to the bot with the call's
// query parameters, sends `connected`, then one `media` event per 20 ms tick of the worker's frame
// clock (pre-encoded when leg A is silent; encoded from PCM while the bot's audio plays on leg A),
// applies the bot's actions, follows the caller plan, and ends with `closed`. Memory per call: one
// frame buffer, a few 160-sample arrays, the bot audio queued for playback and held frames (bounded).
import { closedMessage, connectedMessage, frameText } from '../../shared/psr-stream';
import path from 'node:path';
import WebSocket from 'ws';
import { WavRecorder } from '../audio/wav-recorder';
import { PlaybackQueue } from '../simulator/playback-queue';
import { BotMessageReader, type BotEvent } from './bot-messages';
import { CallerDriver } from './caller-driver';
import { FrameBuffer } from './frame-buffer';
import { ImpairedSender, type Impairments } from './impairments';
import { payloadBytes, SAMPLES_PER_FRAME, type Channel } from './pre-encoded';
import type { CallRow, CallSpec, SharedClip } from './worker-protocol';
import type { CallerPlan } from './caller-plan';

export interface GenCallDeps {
  channel: Channel;
  plan: CallerPlan;
  clips: SharedClip[];
  clipFrames: number[];
  silence: SharedClip;
  impairments: Impairments;
  recordDir: string | null;
  setupTimeoutMs: number;
  now(): number;
  /** Subscribe to the worker's frame clock; returns the unsubscribe function. */
  addTick(fn: (due: number) => void): () => void;
  onPacing(deviationMs: number): void;
  onTurn(latencyMs: number): void;
  /** The WebSocket to the bot is open (the call is set up). */
  onSetup(index: number): void;
  onEnd(row: CallRow): void;
}

const SEND_OPTS = { binary: false, compress: false } as const;
/** Largest message accepted from the bot (a whole WAV greeting). */
const MAX_BOT_MESSAGE = 16 * 1024 * 1024;

export class GenCall {
  private ws: WebSocket | null = null;
  private untick: (() => void) | null = null;
  private setupTimer: NodeJS.Timeout | null = null;
  private driver: CallerDriver | null = null;
  private sender: ImpairedSender | null = null;
  private readonly playback = new PlaybackQueue();
  private readonly reader: BotMessageReader;
  private readonly frame: FrameBuffer;
  private readonly a = new Int16Array(SAMPLES_PER_FRAME);
  private readonly pcm: Int16Array;
  private readonly pcmBytes: Uint8Array;
  private recorder: WavRecorder | null = null;
  private readonly rec = new Int16Array(SAMPLES_PER_FRAME * 2);
  private readonly started: number;
  private openedAt: number | null = null;
  private ended = false;
  private readonly row: CallRow;

  constructor(
    private readonly spec: CallSpec,
    private readonly deps: GenCallDeps,
  ) {
    this.started = deps.now();
    const bytes = payloadBytes(deps.channel);
    this.pcm = new Int16Array(bytes / 2);
    this.pcmBytes = new Uint8Array(this.pcm.buffer);
    this.frame = new FrameBuffer(spec.callId, deps.channel, bytes);
    this.reader = new BotMessageReader((e) => this.onBotEvent(e));
    this.row = {
      index: spec.index,
      callId: spec.callId,
      setup: 'failed',
      setupMs: null,
      firstBotAudioMs: null,
      turnLatenciesMs: [],
      actions: { media: 0, chunk: 0, transfer: 0, hangup: 0 },
      garbage: {},
      verdicts: [],
      passed: false,
      end: 'setup-failed',
      errorCode: null,
      errorMessage: null,
      startedAt: Date.now(),
      durationMs: 0,
      framesSent: 0,
      framesDropped: 0,
      framesDelayed: 0,
      maxHeldMs: 0,
      recording: null,
    };
  }

  get active(): boolean {
    return !this.ended;
  }

  start(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.spec.url, { perMessageDeflate: false, maxPayload: MAX_BOT_MESSAGE, handshakeTimeout: this.deps.setupTimeoutMs });
    } catch (e) {
      return this.end('setup-failed', 'CAMPAIGN_SETUP_FAILED', e instanceof Error ? e.message : String(e));
    }
    this.ws = ws;
    ws.on('unexpected-response', (_req, res) => {
      this.end('setup-failed', 'CAMPAIGN_SETUP_REJECTED', `the bot answered the WebSocket upgrade with HTTP ${res.statusCode}`);
      res.resume();
    });
    ws.on('error', (e) => {
      if (this.openedAt === null) this.end('setup-failed', (e as { code?: string }).code === 'ETIMEDOUT' || /time(d)? ?out/i.test(e.message) ? 'CAMPAIGN_SETUP_TIMEOUT' : 'CAMPAIGN_SETUP_FAILED', e.message);
      else this.end('bot-disconnected', 'CAMPAIGN_BOT_DISCONNECTED', e.message);
    });
    ws.on('open', () => this.onOpen());
    ws.on('message', (data: Buffer, isBinary) => {
      if (this.ended) return;
      const t = this.deps.now();
      if (this.reader.receive(data, isBinary) && this.driver) this.driver.botAudio(t);
    });
    ws.on('close', (code) => {
      if (!this.ended) this.end('bot-disconnected', 'CAMPAIGN_BOT_DISCONNECTED', `the bot closed the socket (code ${code}) before the call ended`);
    });
  }

  /** Stop now (campaign stopped): `closed` to the bot, the row marked stopped. */
  stop(): void {
    if (!this.ended) this.end('stopped', 'CAMPAIGN_STOPPED', 'the campaign was stopped');
  }

  private onOpen(): void {
    if (this.ended) return;
    const now = this.deps.now();
    this.openedAt = now;
    this.row.setup = 'ok';
    this.row.setupMs = Math.round(now - this.started);
    this.deps.onSetup(this.spec.index);
    this.driver = new CallerDriver(this.deps.plan, this.deps.clipFrames, now);
    this.sender = new ImpairedSender(this.deps.impairments, now, (buf) => {
      this.ws?.send(buf, SEND_OPTS);
      this.row.framesSent++;
    });
    if (this.spec.record && this.deps.recordDir) {
      const file = path.join(this.deps.recordDir, `call-${String(this.spec.index).padStart(5, '0')}.wav`);
      this.recorder = WavRecorder.create(file, { channels: 2, flushIntervalMs: 0 });
      this.row.recording = path.basename(file);
    }
    this.control('connected');
    this.setupTimer = setTimeout(() => this.end('timeout', 'CAMPAIGN_CALL_TIMEOUT', `the call was still running after ${this.deps.plan.maxCallMs} ms`), this.deps.plan.maxCallMs);
    this.untick = this.deps.addTick((due) => this.tick(due));
  }

  private control(event: 'connected' | 'closed'): void {
    const f = { callId: this.spec.callId, channel: this.deps.channel, timestamp: Date.now() };
    const msg = frameText(event === 'connected' ? connectedMessage(f) : closedMessage(f));
    this.ws?.send(msg, SEND_OPTS);
  }

  private tick(due: number): void {
    const driver = this.driver!;
    const playing = this.playback.pending > 0;
    const botSamples = playing ? this.playback.pull(this.a) : 0;
    driver.tick(due, botSamples > 0);
    if (driver.done) return this.end(driver.done === 'caller-hangup' ? 'caller-hangup' : driver.done, driver.done === 'failed' ? 'CAMPAIGN_STEP_FAILED' : null, null);
    const clip = driver.clip >= 0 ? this.deps.clips[driver.clip]! : this.deps.silence;
    const f = driver.clip >= 0 ? driver.frame : 0;
    const ts = performance.timeOrigin + due;
    let buf: Buffer;
    if (botSamples > 0 && this.deps.channel !== 'mono_b') {
      const b = clip.pcm;
      const off = f * SAMPLES_PER_FRAME;
      if (this.deps.channel === 'stereo') {
        for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
          this.pcm[2 * i] = this.a[i]!;
          this.pcm[2 * i + 1] = b[off + i] ?? 0;
        }
      } else this.pcm.set(this.a);
      buf = this.frame.fromPcm(ts, this.pcmBytes);
    } else {
      if (botSamples === 0) this.a.fill(0);
      buf = this.frame.fromClip(ts, clip, f);
    }
    const now = this.deps.now();
    this.sender!.offer(buf, due, now);
    const sentAt = this.deps.now();
    this.deps.onPacing(sentAt - due);
    if (driver.endOfSpeechFrame) driver.frameSent(sentAt);
    if (this.recorder) this.record(clip, f);
  }

  private record(clip: SharedClip, f: number): void {
    const off = f * SAMPLES_PER_FRAME;
    for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
      this.rec[2 * i] = this.a[i]!;
      this.rec[2 * i + 1] = clip === this.deps.silence ? 0 : (clip.pcm[off + i] ?? 0);
    }
    this.recorder!.write(new Uint8Array(this.rec.buffer));
  }

  private onBotEvent(e: BotEvent): void {
    if (this.ended) return;
    switch (e.kind) {
      case 'audio':
        this.row.actions[e.action]++;
        this.playback.enqueue(e.pcm, e.action, { interrupt: e.interrupt });
        return;
      case 'transfer':
        this.row.actions.transfer++;
        this.driver?.botTransfer(e.extension);
        return;
      case 'hangup':
        this.row.actions.hangup++;
        this.driver?.botHangup(this.deps.now());
        this.end(this.driver?.done === 'completed' ? 'bot-hangup' : 'failed', this.driver?.done === 'completed' ? null : 'CAMPAIGN_STEP_FAILED', null);
        return;
      case 'garbage':
        this.row.garbage[e.code] = (this.row.garbage[e.code] ?? 0) + 1;
        return;
    }
  }

  private end(end: string, code: string | null, message: string | null): void {
    if (this.ended) return;
    this.ended = true;
    const now = this.deps.now();
    this.untick?.();
    this.untick = null;
    if (this.setupTimer) clearTimeout(this.setupTimer);
    this.reader.close();
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      this.sender?.flush(now);
      if (end !== 'bot-disconnected') this.control('closed');
      ws.close(1000);
    } else if (ws && ws.readyState === WebSocket.CONNECTING) {
      ws.terminate();
    }
    const d = this.driver;
    const row = this.row;
    if (d) {
      row.turnLatenciesMs = d.turnLatenciesMs;
      row.verdicts = d.verdicts;
      row.firstBotAudioMs = d.firstBotAudioMs === null ? null : Math.round(d.firstBotAudioMs);
      for (const l of d.turnLatenciesMs) this.deps.onTurn(l);
      const failed = d.verdicts.find((v) => !v.ok);
      if (failed && !message) message = `step ${failed.step + 1} (${failed.kind}): ${failed.message ?? 'failed'}`;
    }
    if (this.sender) {
      row.framesDropped = this.sender.counts.dropped;
      row.framesDelayed = this.sender.counts.delayed;
      row.maxHeldMs = Math.round(this.sender.counts.maxHeldMs);
    }
    row.end = end;
    row.errorCode = code;
    row.errorMessage = message;
    row.passed = code === null && row.setup === 'ok' && (d?.verdicts.every((v) => v.ok) ?? false);
    row.durationMs = Math.round(now - this.started);
    this.playback.clear();
    const rec = this.recorder;
    this.recorder = null;
    if (rec) void rec.close().finally(() => this.deps.onEnd(row));
    else this.deps.onEnd(row);
  }
}
