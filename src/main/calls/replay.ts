// Replays recorded live events through the event bus, paced in real time, as a new call with
// source 'replay': the live view cannot tell it from a real call, which is the point for demos.
import type { EventBus } from '../api/event-bus';
import type { CallEnded, CallStarted, Leg, LogEntry } from '../../shared/contract/live';
import type { EventPayload } from '../../shared/contract';
import type { Logger } from '../logger';
import type { LiveLine } from './call-record';

export interface ReplayOptions {
  replayCallId: string;
  lines: readonly LiveLine[];
  /** Used when the recording has no call:started line. */
  fallbackStarted: Omit<CallStarted, 'callId' | 'source' | 'startedAt' | 'recordingPath'>;
  speed: number;
  events: EventBus;
  logger: Logger;
  now: () => number;
  onDone: () => void;
  /** Called before the first event is emitted, so listeners can tell a replay from a real call. */
  register: (r: Replay) => void;
  /** The call's recording, interleaved 16-bit PCM of `legs`, for listening to the replay. */
  audio?: { pcm: Int16Array; legs: Leg[]; sampleRate: number } | null;
}

/** Audio is pushed in slices of this length while someone listens. */
const AUDIO_SLICE_MS = 20;

export class Replay {
  private timer: NodeJS.Timeout | null = null;
  private index = 0;
  private readonly t0Mono = performance.now();
  private readonly t0Wall: number;
  /** Epoch ms of the original call start, to shift log/action/voice times. */
  private readonly origStart: number;
  private stopped = false;
  private sentEnded = false;
  private listening = false;
  /** Audio time (ms) already pushed as call:audio. */
  private audioSentMs = 0;

  constructor(private readonly o: ReplayOptions) {
    this.t0Wall = o.now();
    o.register(this);
    const started = o.lines.find((l) => l.e === 'call:started')?.p as CallStarted | undefined;
    this.origStart = started?.startedAt ?? this.o.now();
    if (!started) {
      this.emit('call:started', {
        ...o.fallbackStarted,
        callId: o.replayCallId,
        source: 'replay',
        startedAt: this.t0Wall,
        recordingPath: null,
      });
    }
    this.tick();
  }

  get id(): string {
    return this.o.replayCallId;
  }

  /** Listening to a replay plays its recording in step with the events (normal speed only). */
  setListening(on: boolean): void {
    const startNow = on && !this.listening;
    this.listening = on && !!this.o.audio && this.o.speed === 1;
    if (startNow) this.audioSentMs = Math.max(0, performance.now() - this.t0Mono - 60);
    if (this.listening && this.timer) {
      clearTimeout(this.timer);
      this.tick();
    }
  }

  private pushAudio(elapsedMs: number): void {
    const a = this.o.audio!;
    const stride = a.legs.length;
    const totalMs = (a.pcm.length / stride / a.sampleRate) * 1000;
    const until = Math.min(elapsedMs, totalMs);
    while (this.audioSentMs + AUDIO_SLICE_MS <= until) {
      const from = Math.round((this.audioSentMs * a.sampleRate) / 1000) * stride;
      const to = Math.round(((this.audioSentMs + AUDIO_SLICE_MS) * a.sampleRate) / 1000) * stride;
      const slice = a.pcm.subarray(from, to);
      const pcm = new Uint8Array(slice.byteLength);
      pcm.set(new Uint8Array(slice.buffer, slice.byteOffset, slice.byteLength));
      this.emit('call:audio', { callId: this.o.replayCallId, legs: a.legs, sampleRate: a.sampleRate, t: this.audioSentMs, pcm });
      this.audioSentMs += AUDIO_SLICE_MS;
    }
  }

  stop(reason = 'stopped'): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.sentEnded) {
      this.sentEnded = true;
      this.emit('call:ended', {
        callId: this.o.replayCallId,
        endedAt: this.o.now(),
        reason,
        stats: { frames: 0, bytes: 0, audioSeconds: 0, wallSeconds: (this.o.now() - this.t0Wall) / 1000, gaps: 0, jitterMs: 0, errors: {} },
        recordingPath: null,
      });
    }
    this.o.onDone();
  }

  private tick = (): void => {
    this.timer = null;
    if (this.stopped) return;
    const elapsed = (performance.now() - this.t0Mono) * this.o.speed;
    if (this.listening) this.pushAudio(elapsed);
    const lines = this.o.lines;
    while (this.index < lines.length && lines[this.index]!.w <= elapsed) {
      this.send(lines[this.index]!);
      this.index++;
      if (this.stopped) return;
    }
    if (this.index >= lines.length) {
      this.stop('replayed');
      return;
    }
    const waitMs = Math.max(0, (lines[this.index]!.w - elapsed) / this.o.speed);
    this.timer = setTimeout(this.tick, Math.min(waitMs, this.listening ? AUDIO_SLICE_MS : 1000));
  };

  private shift(at: number): number {
    return this.t0Wall + (at - this.origStart) / this.o.speed;
  }

  private send(line: LiveLine): void {
    const callId = this.o.replayCallId;
    switch (line.e) {
      case 'call:started': {
        const p = line.p as CallStarted;
        this.emit('call:started', { ...p, callId, source: 'replay', startedAt: this.t0Wall, recordingPath: null });
        return;
      }
      case 'call:levels': {
        const p = line.p as EventPayload<'call:levels'>;
        this.emit('call:levels', { ...p, callId, receivedAt: this.o.now() });
        return;
      }
      case 'call:log': {
        const p = line.p as EventPayload<'call:log'>;
        this.emit('call:log', { callId, entries: p.entries.map((e: LogEntry) => ({ ...e, at: this.shift(e.at) })) });
        return;
      }
      case 'call:action': {
        const p = line.p as EventPayload<'call:action'>;
        this.emit('call:action', { ...p, callId, at: this.shift(p.at) });
        return;
      }
      case 'call:voice': {
        const p = line.p as EventPayload<'call:voice'>;
        this.emit('call:voice', { ...p, callId, at: this.shift(p.at) });
        return;
      }
      case 'call:ended': {
        const p = line.p as CallEnded;
        this.sentEnded = true;
        this.emit('call:ended', { ...p, callId, endedAt: this.o.now(), reason: 'replayed', recordingPath: null });
        return;
      }
    }
  }

  private emit<K extends 'call:started' | 'call:levels' | 'call:log' | 'call:action' | 'call:voice' | 'call:audio' | 'call:ended'>(
    name: K,
    payload: EventPayload<K>,
  ): void {
    try {
      this.o.events.emit(name, payload);
    } catch (e) {
      // One bad recorded event must not end the demo.
      this.o.logger.warn('calls.replay_event_skipped', { event: name, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
