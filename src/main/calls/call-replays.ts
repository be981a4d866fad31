// Replays of stored calls through the live view: the call's live events are rebuilt from its call
// log and its recording (call-parts.ts) and sent again, paced, as a new call with source 'replay'.
import type { CallSummary } from '../../shared/contract/calls';
import type { Leg } from '../../shared/contract/live';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { Logger } from '../logger';
import { liveLinesOf } from './call-parts';
import type { CallStore } from './call-store';
import { Replay } from './replay';
import { interleavedPcm } from './wav-replay';

export interface ReplaysDeps {
  store: CallStore;
  events: EventBus;
  logger: Logger;
  now: () => number;
}

/** At most this many replays run at once (each holds its call's events and audio in memory). */
export const MAX_REPLAYS = 4;

export class CallReplays {
  private readonly running = new Map<string, Replay>();
  private count = 0;

  constructor(private readonly d: ReplaysDeps) {}

  has(callId: string): boolean {
    return this.running.has(callId);
  }

  async start(callId: string, speed: number): Promise<{ replayCallId: string }> {
    const { store } = this.d;
    const summary = await store.summary(callId);
    const { parts } = await store.read(callId, false);
    const audio = await this.audio(callId, summary);
    const lines = liveLinesOf({ ...parts, wav: parts.wav ?? (await this.wavBytes(callId, summary)) });
    if (lines.length === 0 || !lines.some((l) => l.e !== 'call:started' && l.e !== 'call:ended')) {
      throw new AppError('CALL_NOT_REPLAYABLE', `field 'callId': expected a call with a call log or a recording; '${callId}' has neither`, 'callId');
    }
    // The oldest replay makes room: a demo restarted many times must not pile up.
    if (this.running.size >= MAX_REPLAYS) this.running.values().next().value?.stop();
    this.count++;
    const replayCallId = `${callId.slice(0, 100)}-replay-${this.count}`;
    // Registered before the first event so the live records know it is a replay.
    new Replay({
      replayCallId,
      lines,
      fallbackStarted: { tenant: summary.tenant, query: {}, channel: summary.channel, legs: summary.legs },
      speed,
      events: this.d.events,
      logger: this.d.logger,
      now: this.d.now,
      onDone: () => this.running.delete(replayCallId),
      register: (r) => this.running.set(replayCallId, r),
      audio,
    });
    return { replayCallId };
  }

  private async wavBytes(callId: string, summary: CallSummary): Promise<Buffer | null> {
    const ref = summary.recordings.find((r) => r.kind === 'stereo') ?? summary.recordings[0];
    if (!ref) return null;
    try {
      return (await this.d.store.recording(callId, ref.id)).bytes;
    } catch (e) {
      this.d.logger.warn('calls.replay_recording_failed', { callId, error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  /** The stereo (or mono) recording as interleaved 8 kHz PCM, for listening to a replay. */
  private async audio(callId: string, summary: CallSummary): Promise<{ pcm: Int16Array; legs: Leg[]; sampleRate: number } | null> {
    const bytes = await this.wavBytes(callId, summary);
    try {
      return bytes ? interleavedPcm(bytes) : null;
    } catch {
      return null;
    }
  }

  /** Listening to a replay (the endpoint answers live:listen for real calls). Unknown ids are ignored. */
  setListening(callId: string, on: boolean): void {
    this.running.get(callId)?.setListening(on);
  }

  stop(replayCallId: string): void {
    const r = this.running.get(replayCallId);
    if (!r) throw new AppError('REPLAY_NOT_FOUND', `field 'replayCallId': expected a running replay, got '${replayCallId}'`, 'replayCallId');
    r.stop();
  }

  dispose(): void {
    for (const r of [...this.running.values()]) r.stop();
  }
}
