// One bot-test call, played from PSR's side over a real WebSocket: opens the bot URL with PSR's query
// (call_id, tenant, each `parameter` key), sends `connected`, a `media` frame every 20 ms on an
// absolute clock (stereo / mono_a / mono_b as the scenario says), then `closed`. The bot's actions
// go through PSR's leg-A playback model, so "the bot's audio starts" is the frame PSR would play it in.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { bestMatch } from '../../shared/audio/xcorr';
import { closedMessage, connectedMessage, frameText, MediaFrameWriter } from '../../shared/psr-stream';
import { WavRecorder } from '../audio/wav-recorder';
import { botUrl } from '../simulator/create-stream-form';
import type { FrameClock } from '../simulator/frame-clock';
import { BotActionReader } from './bot-actions';
import { Caller, FRAME_SAMPLES, type CompiledScenario } from './caller';
import { LegA } from './leg-a';
import type { TestResult } from './results';
import { STREAM_SOCKET_OPTIONS } from '../psr-stream/socket-options';

export interface PsrCallOptions {
  /** The bot's WebSocket URL (ws:// or wss://); PSR's query parameters are added to it. */
  botUrl: string;
  callId: string;
  frameClock: FrameClock;
  /** Write the recording here in the simulator's library format (full_<id>.wav, <id>.wav, <id>.meta.json). */
  recordDir?: string | undefined;
  connectTimeoutMs?: number;
  trustSelfSigned?: boolean;
  /** Keep leg A/B peaks per frame for the report's waveform. Default true. */
  peaks?: boolean;
  /** Each frame as sent (live view); `a`/`b` are reused buffers, copy to keep. */
  onFrame?: (t: number, a: Int16Array, b: Int16Array) => void;
  /** Epoch ms now (recording metadata). */
  epochNow?: () => number;
}

export class BotUnreachableError extends Error {
  readonly code = 'BOT_UNREACHABLE';
}

const SEND_OPTS = { binary: false, compress: false } as const;

/** Run one scenario as one call. Resolves with the verdict; rejects with BotUnreachableError when the socket never opens. */
export function runPsrCall(compiled: CompiledScenario, opts: PsrCallOptions): Promise<TestResult> {
  return new PsrCall(compiled, opts).run();
}

class PsrCall {
  private readonly caller: Caller;
  private readonly playback = new LegA();
  private readonly a = new Int16Array(FRAME_SAMPLES);
  private readonly b = new Int16Array(FRAME_SAMPLES);
  private readonly stereo = new Int16Array(FRAME_SAMPLES * 2);
  private readonly mono = new Int16Array(FRAME_SAMPLES);
  private readonly stereoBytes = new Uint8Array(this.stereo.buffer);
  private readonly monoBytes = new Uint8Array(this.mono.buffer);
  private readonly payload: Uint8Array;
  private readonly frame: MediaFrameWriter;
  private readonly url: URL;
  private readonly maxFrames: number;
  private readonly peaksA: Uint8Array | null;
  private readonly peaksB: Uint8Array | null;
  private readonly legA: Int16Array | null;
  private full: WavRecorder | null = null;
  private mixed: WavRecorder | null = null;
  private ws: WebSocket | null = null;
  private reader: BotActionReader | null = null;
  private untick: (() => void) | null = null;
  private t = 0;
  private startMono = 0;
  private startedAt = 0;
  private ending = false;
  private resolve!: (r: TestResult) => void;
  private reject!: (e: Error) => void;

  constructor(
    private readonly compiled: CompiledScenario,
    private readonly opts: PsrCallOptions,
  ) {
    const call = compiled.scenario.call;
    this.caller = new Caller(compiled);
    this.url = botUrl(
      { url: opts.botUrl, destination: call.destination, app: call.app, channel: call.channel, extension: call.extension ?? null, isSilence: call.is_silence, audio: null, audioFileName: null, parameter: call.parameter },
      opts.callId,
      call.tenant,
      'ws://127.0.0.1',
    );
    const sent = call.channel === 'stereo' ? this.stereo : call.channel === 'mono_a' ? this.a : this.b;
    this.payload = new Uint8Array(sent.buffer, sent.byteOffset, sent.byteLength);
    this.frame = new MediaFrameWriter(opts.callId, call.channel, this.payload.length);
    this.maxFrames = Math.ceil(call.max_ms / 20) + 1;
    this.peaksA = opts.peaks === false ? null : new Uint8Array(this.maxFrames);
    this.peaksB = opts.peaks === false ? null : new Uint8Array(this.maxFrames);
    this.legA = compiled.botAudio.length > 0 ? new Int16Array(this.maxFrames * FRAME_SAMPLES) : null;
  }

  private get epoch(): number {
    return this.opts.epochNow?.() ?? Date.now();
  }
  private callMs(): number {
    return this.opts.frameClock.clock.now() - this.startMono;
  }

  run(): Promise<TestResult> {
    const done = new Promise<TestResult>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    const ws = new WebSocket(this.url, { handshakeTimeout: this.opts.connectTimeoutMs ?? 5000, maxPayload: 64 * 1024 * 1024, rejectUnauthorized: !this.opts.trustSelfSigned, ...STREAM_SOCKET_OPTIONS });
    this.ws = ws;
    let opened = false;
    ws.on('error', (e) => {
      if (!opened) this.reject(new BotUnreachableError(`${this.url.origin}${this.url.pathname}: ${e.message}`));
    });
    ws.on('unexpected-response', (_req, res) => {
      ws.terminate();
      if (!opened) this.reject(new BotUnreachableError(`${this.url.origin}${this.url.pathname}: HTTP ${res.statusCode} instead of a WebSocket upgrade`));
    });
    ws.on('open', () => {
      opened = true;
      this.start();
    });
    ws.on('message', (data, isBinary) => this.reader?.receive(data as Buffer, isBinary));
    ws.on('close', () => {
      if (opened && !this.ending) void this.end('socket-closed');
    });
    return done;
  }

  private start(): void {
    this.caller.query = Object.fromEntries(this.url.searchParams);
    this.startedAt = this.epoch;
    this.startMono = this.opts.frameClock.clock.now();
    if (this.opts.recordDir) {
      fs.mkdirSync(this.opts.recordDir, { recursive: true });
      this.full = WavRecorder.create(path.join(this.opts.recordDir, `full_${this.opts.callId}.wav`), { channels: 2, flushIntervalMs: 0 });
      this.mixed = WavRecorder.create(path.join(this.opts.recordDir, `${this.opts.callId}.wav`), { channels: 1, flushIntervalMs: 0 });
    }
    this.reader = new BotActionReader({
      playback: this.playback,
      now: () => this.callMs(),
      event: (e, ms) => this.caller.event(e, ms),
      transfer: () => this.playback.clear(),
      hangup: () => void this.end('bot-hangup'),
    });
    this.ws!.send(frameText(connectedMessage({ callId: this.opts.callId, channel: this.compiled.scenario.call.channel, timestamp: this.startedAt })));
    if (this.compiled.callAudio) this.playback.enqueue(this.compiled.callAudio, 'audio_file');
    this.untick = this.opts.frameClock.add((due) => this.tick(due));
  }

  /** One 20 ms frame. Hot path: no allocation. */
  private tick(due: number): void {
    if (this.ending) return;
    const { a, b, stereo, mono } = this;
    const t = this.t++;
    const leg = this.playback;
    leg.next(a, due - this.startMono);
    const peakA = leg.peak;
    const cmd = this.caller.tick(t, leg.frame, b);
    let peakB = 0;
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const x = a[i]!;
      const y = b[i]!;
      stereo[2 * i] = x;
      stereo[2 * i + 1] = y;
      const s = x + y;
      mono[i] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
      const m = y < 0 ? -y : y;
      if (m > peakB) peakB = m;
    }
    if (t < this.maxFrames) {
      if (this.peaksA) this.peaksA[t] = Math.min(255, Math.round((peakA / 32768) * 255));
      if (this.peaksB) this.peaksB[t] = Math.min(255, Math.round((peakB / 32768) * 255));
      if (this.legA) this.legA.set(a, t * FRAME_SAMPLES);
    }
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(this.frame.write(this.startedAt + (due - this.startMono), this.payload), SEND_OPTS);
    this.full?.write(this.stereoBytes);
    this.mixed?.write(this.monoBytes);
    this.opts.onFrame?.(t, a, b);
    if (cmd === 'hangup') void this.end('caller-hangup');
  }

  private async end(reason: string): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.untick?.();
    this.untick = null;
    const endMs = this.t * 20;
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      if (reason !== 'socket-closed') ws.send(frameText(closedMessage({ callId: this.opts.callId, channel: this.compiled.scenario.call.channel, timestamp: this.epoch })));
      ws.close(1000, 'call ended');
    }
    // Actions already received (an mp3 still decoding) are applied before the verdict.
    await this.reader?.idle();
    this.reader?.dispose();
    this.caller.finish(reason, endMs);
    const frames = Math.min(this.t, this.maxFrames);
    const botCorr = this.legA ? this.compiled.botAudio.map((ref) => bestMatch(this.legA!.subarray(0, frames * FRAME_SAMPLES), ref.pcm).corr) : [];
    const peaks = this.peaksA && this.peaksB ? { a: Array.from(this.peaksA.subarray(0, frames)), b: Array.from(this.peaksB.subarray(0, frames)) } : undefined;
    const dir = this.opts.recordDir;
    if (!this.full || !this.mixed || !dir) return this.resolve(this.caller.result({ callId: this.opts.callId, botCorr, peaks }));
    await Promise.all([this.full.close(), this.mixed.close()]);
    const id = this.opts.callId;
    const recording = { full: path.join(dir, `full_${id}.wav`), mixed: path.join(dir, `${id}.wav`), meta: path.join(dir, `${id}.meta.json`) };
    const res = this.caller.result({ callId: id, botCorr, peaks, recording });
    await fs.promises.writeFile(recording.meta, JSON.stringify(this.meta(reason, res), null, 2)).catch(() => {});
    this.resolve(res);
  }

  private meta(reason: string, res: TestResult): Record<string, unknown> {
    const call = this.compiled.scenario.call;
    return {
      callId: this.opts.callId,
      source: 'bot-test',
      startedAt: this.startedAt,
      endedAt: this.startedAt + this.t * 20,
      legs: call.channel === 'stereo' ? ['A', 'B'] : call.channel === 'mono_a' ? ['A'] : ['B'],
      channel: call.channel,
      tenant: call.tenant,
      reason,
      query: Object.fromEntries(this.url.searchParams),
      botTest: { file: this.compiled.file, name: this.compiled.scenario.name, passed: res.passed, failure: res.failure ?? null },
      recordings: { full: `full_${this.opts.callId}.wav`, mixed: `${this.opts.callId}.wav` },
    };
  }
}
