// One generated PSR call inside a generator worker: opens the WebSocket to the bot with the call's
// query parameters, sends `connected`, then one `media` event per 20 ms tick of the worker's frame
// clock, applies the bot's actions to leg A, and lets the scenario's caller (the bot-tests Caller:
// one interpreter of the scenario format) decide leg B and judge each step; ends with `closed`.
// Leg A and the bot's actions are read as the bot test reads them (LegA, BotActionReader), on the
// call's real clock: turn latency = when the bot's audio arrived − when the frame with the caller's
// last word was actually sent. Each turn is reported as it is measured (live figures).
// While leg A is silent, frames are copied from pre-encoded ones (silence, or the frame of the
// caller's utterance being said); others are encoded in place. Memory per call: one frame buffer,
// a few 160-sample arrays, the bot audio queued for playback, held frames (bounded) and the
// Caller's bounded timeline; the pre-encoded utterances are shared by every call.
import { closedMessage, connectedMessage, frameText } from '../../shared/psr-stream';
import path from 'node:path';
import WebSocket from 'ws';
import { WavRecorder } from '../audio/wav-recorder';
import { BotActionReader } from '../bot-tests/bot-actions';
import { Caller, type BotEvent, type CompiledScenario } from '../bot-tests/caller';
import { LegA } from '../bot-tests/leg-a';
import { FrameBuffer } from './frame-buffer';
import { LiveTap } from './live-tap';
import { ImpairedSender, type Impairments } from './impairments';
import { payloadBytes, SAMPLES_PER_FRAME, type Channel, type PreEncodedClip } from './pre-encoded';
import type { CallRow, CallSpec, LiveNote } from './worker-protocol';
import { STREAM_SOCKET_OPTIONS } from '../psr-stream/socket-options';

export interface GenCallDeps {
  channel: Channel;
  compiled: CompiledScenario;
  /** One frame with both legs silent, pre-encoded for the channel. */
  silence: PreEncodedClip;
  /** Each say / barge_in step's audio on leg B (leg A silent), pre-encoded, by step index. */
  sayClips: ReadonlyMap<number, PreEncodedClip>;
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
  /** A watched call's live notes (see watch). */
  onLive(index: number, note: LiveNote): void;
}

const SEND_OPTS = { binary: false, compress: false } as const;

/**
 * The masking key of every frame the generator sends: zero. A client must mask its frames (RFC 6455
 * §5.3), and a zero key is a valid key; ws then skips the XOR pass over each ~0.9 KB frame (a
 * JavaScript loop without the optional native bufferutil), which is a fifth of the generator's work
 * per frame. The key's unpredictability protects browsers behind caching proxies, not a load
 * generator talking to a bot on the same machine or network.
 */
function zeroMask(mask: Buffer): void {
  mask.fill(0);
}
/** Largest message accepted from the bot (a whole WAV greeting). */
const MAX_BOT_MESSAGE = 16 * 1024 * 1024;

export class GenCall {
  private ws: WebSocket | null = null;
  private untick: (() => void) | null = null;
  private setupTimer: NodeJS.Timeout | null = null;
  private caller: Caller | null = null;
  private frameIndex = 0;
  private sender: ImpairedSender | null = null;
  private readonly leg = new LegA();
  private readonly reader: BotActionReader;
  private turnsReported = 0;
  private tap: LiveTap | null = null;
  private readonly frame: FrameBuffer;
  private readonly a = new Int16Array(SAMPLES_PER_FRAME);
  private readonly b = new Int16Array(SAMPLES_PER_FRAME);
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
    this.reader = new BotActionReader({
      playback: this.leg,
      now: () => this.callMs(),
      event: (e, ms) => this.onBotEvent(e, ms),
      transfer: (extension, bytes) => {
        this.leg.clear();
        this.tap?.action(this.frameIndex * 20, 'transfer', extension, bytes);
      },
      hangup: (bytes) => {
        this.tap?.action(this.frameIndex * 20, 'hangup', '', bytes);
        this.end('bot-hangup', null, null);
      },
    });
    this.row = {
      index: spec.index,
      callId: spec.callId,
      setup: 'failed',
      setupMs: null,
      firstBotAudioMs: null,
      turnLatenciesMs: [],
      turnSpeechEndAt: [],
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
      ws = new WebSocket(this.spec.url, { maxPayload: MAX_BOT_MESSAGE, handshakeTimeout: this.deps.setupTimeoutMs, generateMask: zeroMask, ...STREAM_SOCKET_OPTIONS });
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
      if (!this.ended && this.openedAt !== null) this.reader.receive(data, isBinary);
    });
    ws.on('close', (code) => {
      if (!this.ended) this.end('bot-disconnected', 'CAMPAIGN_BOT_DISCONNECTED', `the bot closed the socket (code ${code}) before the call ended`);
    });
  }

  /** Forward this call to the live view (or stop forwarding). */
  watch(on: boolean): void {
    if (!on || this.ended) {
      // Still running: the live view is told this call is no longer shown (it goes on unseen).
      if (this.tap && !this.ended) this.tap.ended('campaign-unwatched', this.frameIndex);
      this.tap = null;
      this.leg.onAudio = null;
      return;
    }
    if (this.tap) return;
    const tap = new LiveTap((note) => this.deps.onLive(this.spec.index, note));
    this.tap = tap;
    tap.started(this.spec.callId, this.row.startedAt, Object.fromEntries(new URL(this.spec.url).searchParams), this.deps.channel);
    this.leg.onAudio = (label, samples, _at, bytes) => tap.action(this.frameIndex * 20, label === 'chunk' ? 'chunk' : 'media', `${Math.round(samples / 8)} ms`, bytes ?? 0);
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
    this.caller = new Caller(this.deps.compiled);
    this.caller.query = Object.fromEntries(new URL(this.spec.url).searchParams);
    this.sender = new ImpairedSender(this.deps.impairments, now, (buf) => {
      // With a zero mask ws sends the bytes as given, without its own copy: the frame buffer is
      // reused for the next frame, so the socket gets a copy (from Node's small-buffer pool).
      const copy = Buffer.allocUnsafe(buf.length);
      buf.copy(copy);
      this.ws?.send(copy, SEND_OPTS);
      this.row.framesSent++;
    });
    if (this.spec.record && this.deps.recordDir) {
      const file = path.join(this.deps.recordDir, `call-${String(this.spec.index).padStart(5, '0')}.wav`);
      this.recorder = WavRecorder.create(file, { channels: 2, flushIntervalMs: 0 });
      this.row.recording = path.basename(file);
    }
    this.control('connected');
    // The Caller hangs up at call.max_ms; this is the safety net should the clock starve.
    const limit = this.deps.compiled.scenario.call.max_ms + 10_000;
    this.setupTimer = setTimeout(() => this.end('timeout', 'CAMPAIGN_CALL_TIMEOUT', `the call was still running after ${limit} ms`), limit);
    this.untick = this.deps.addTick((due) => this.tick(due));
  }

  private control(event: 'connected' | 'closed'): void {
    const f = { callId: this.spec.callId, channel: this.deps.channel, timestamp: Date.now() };
    const msg = frameText(event === 'connected' ? connectedMessage(f) : closedMessage(f));
    this.ws?.send(msg, SEND_OPTS);
  }

  private callMs(): number {
    return this.openedAt === null ? 0 : this.deps.now() - this.openedAt;
  }

  private tick(due: number): void {
    const caller = this.caller!;
    const a = this.a;
    const leg = this.leg;
    const botSamples = leg.next(a, due - this.openedAt!);
    const cmd = caller.tick(this.frameIndex++, leg.frame, this.b);
    const turns = caller.timeline.latencies;
    while (this.turnsReported < turns.length) {
      const l = turns[this.turnsReported++]!.latencyMs;
      this.deps.onTurn(l);
      this.tap?.turn(this.frameIndex * 20, l);
    }
    this.tap?.frame((this.frameIndex - 1) * 20, a, this.b);
    const ch = this.deps.channel;
    const ts = performance.timeOrigin + due;
    const step = ch === 'mono_a' ? -1 : caller.legBStep;
    let buf: Buffer;
    if (botSamples === 0 || ch === 'mono_b') {
      const clip = step < 0 ? this.deps.silence : this.deps.sayClips.get(step);
      const frame = step < 0 ? 0 : caller.legBFrame;
      buf = clip && frame < clip.frames ? this.frame.fromClip(ts, clip, frame) : this.encode(ts);
    } else buf = this.encode(ts);
    const now = this.deps.now();
    this.sender!.offer(buf, due, now);
    this.deps.onPacing(now - due);
    if (this.recorder) this.record();
    if (cmd === 'hangup') this.end('caller-hangup', null, null);
  }

  /** This frame encoded from leg A (the bot's audio) and leg B. */
  private encode(ts: number): Buffer {
    const { a, b, pcm } = this;
    const ch = this.deps.channel;
    if (ch === 'stereo') {
      for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
        pcm[2 * i] = a[i]!;
        pcm[2 * i + 1] = b[i]!;
      }
    } else pcm.set(ch === 'mono_a' ? a : b);
    return this.frame.fromPcm(ts, this.pcmBytes);
  }

  private record(): void {
    for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
      this.rec[2 * i] = this.a[i]!;
      this.rec[2 * i + 1] = this.b[i]!;
    }
    this.recorder!.write(new Uint8Array(this.rec.buffer));
  }

  /** A bot action or finding (audio goes straight to leg A): counted for the row, judged by the caller. */
  private onBotEvent(e: BotEvent, ms: number): void {
    if (this.ended) return;
    if (e.kind === 'protocol') this.row.garbage[e.code] = (this.row.garbage[e.code] ?? 0) + 1;
    else if (e.kind === 'conformance') this.row.garbage[e.rule] = (this.row.garbage[e.rule] ?? 0) + 1;
    this.caller?.event(e, ms);
  }

  private end(end: string, code: string | null, message: string | null): void {
    if (this.ended) return;
    this.ended = true;
    const now = this.deps.now();
    this.untick?.();
    this.untick = null;
    if (this.setupTimer) clearTimeout(this.setupTimer);
    this.reader.dispose();
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      this.sender?.flush(now);
      if (end !== 'bot-disconnected') this.control('closed');
      ws.close(1000);
    } else if (ws && ws.readyState === WebSocket.CONNECTING) {
      ws.terminate();
    }
    const caller = this.caller;
    const row = this.row;
    let scenarioPassed = false;
    if (caller) {
      caller.finish(end === 'bot-disconnected' ? 'socket-closed' : end === 'timeout' ? 'max-duration' : end, now - (this.openedAt ?? now));
      const r = caller.result({ callId: this.spec.callId });
      scenarioPassed = r.passed;
      row.turnLatenciesMs = r.timeline.latencies.map((l) => l.latencyMs);
      // Epoch ms of each turn's last word as sent: the bot's own log can be compared turn by turn.
      const epoch = performance.timeOrigin + (this.openedAt ?? 0);
      row.turnSpeechEndAt = r.timeline.latencies.map((l) => (l.lastWordAtMs === undefined ? null : Math.round((epoch + l.lastWordAtMs) * 10) / 10));
      row.firstBotAudioMs = r.timeline.bot[0]?.startMs ?? null;
      row.verdicts = r.steps
        .filter((s) => s.status === 'passed' || s.status === 'failed')
        .map((s) => ({ step: s.index, kind: s.kind, ok: s.status === 'passed', ...(typeof s.figures.latency_ms === 'number' ? { measuredMs: s.figures.latency_ms } : {}), ...(s.message ? { message: s.message } : {}) }));
      if (!r.passed && code === null) {
        code = 'CAMPAIGN_STEP_FAILED';
        message = r.failure ?? 'a scenario step failed';
      }
    }
    const n = this.reader.counts;
    row.actions = { media: n.media ?? 0, chunk: n.chunk ?? 0, transfer: n.transfer ?? 0, hangup: n.hangup ?? 0 };
    if (this.sender) {
    row.framesDropped = this.sender.counts.dropped;
      row.framesDelayed = this.sender.counts.delayed;
      row.maxHeldMs = Math.round(this.sender.counts.maxHeldMs);
    }
    row.end = end;
    row.errorCode = code;
    row.errorMessage = message;
    row.passed = code === null && row.setup === 'ok' && scenarioPassed;
    row.durationMs = Math.round(now - this.started);
    this.leg.clear();
    this.tap?.ended(end, this.frameIndex);
    this.watch(false);
    const rec = this.recorder;
    this.recorder = null;
    if (rec) void rec.close().finally(() => this.deps.onEnd(row));
    else this.deps.onEnd(row);
  }
}
