// What the bot sends back over the stream (SPEC §3, §4): media, chunk, transfer, hangup — read by
// the stream protocol's reader, so the simulator takes every frame as the endpoint does. Garbage
// (binary frames, plain-text test messages, unknown events, bad payloads) is noted with its code
// and ignored — the call goes on. Actions are applied in arrival order, even when decoding is async.
import { logMessage, type LogMessage, type LogParams } from '../../shared/call-log';
import { isAppError } from '../../shared/errors';
import { readActionFrame, type ActionFrame } from '../../shared/psr-stream';
import type { Logger } from '../logger';
import { ChunkAudio } from '../audio/chunk-audio';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';
import type { PlaybackQueue } from './playback-queue';

/** What the action handler needs of a call (SimCall implements it). */
export interface ActionTarget {
  readonly id: string;
  readonly endedAt: number | null;
  readonly actions: Record<string, number>;
  readonly playback: PlaybackQueue;
  note(msg: LogMessage, code?: string): void;
  transfer(extension: string): void;
  end(reason: string, state: 'completed', detail: LogMessage): Promise<void>;
}

/** Largest action frame read (a whole WAV in a `media` action); the socket's own limit is the same. */
export const MAX_ACTION_BYTES = 64 * 1024 * 1024;

export class BotActionHandler {
  private chain: Promise<void> = Promise.resolve();
  private readonly chunks = new ChunkAudio();
  private disposed = false;

  constructor(
    private readonly call: ActionTarget,
    private readonly logger: Logger,
  ) {}

  receive(data: Uint8Array, isBinary: boolean): void {
    const f = readActionFrame(data, isBinary, { maxTextBytes: MAX_ACTION_BYTES });
    if (f.type === 'bad') return this.garbage(f.code, f.params);
    this.chain = this.chain.then(() => this.apply(f)).catch((e: unknown) => {
      // The frame was fine; its audio was not (a WAV that is not one, mp3 that does not decode).
      if (!isAppError(e)) this.logger.error('sim.action_failed', { callId: this.call.id, error: e instanceof Error ? e.message : String(e) });
      const error = `${e instanceof Error ? e.message : String(e)}${isAppError(e) ? ` [${e.code}]` : ''}`;
      this.garbage('BOT_AUDIO_UNDECODABLE', { kind: f.type, error }, 'sim.audio_undecodable');
    });
  }

  /** Resolves when every action received so far has been applied (tests, orderly shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  dispose(): void {
    this.disposed = true;
    this.chunks.free();
  }

  /** A frame or its audio the call cannot use: noted under its code (worded by `wording`, else by the code). */
  private garbage(code: string, params: LogParams, wording = code): void {
    this.logger.debug('sim.bot_garbage', { callId: this.call.id, code });
    this.call.note({ code: wording, params }, code);
  }

  private async apply(f: Exclude<ActionFrame, { type: 'bad' }>): Promise<void> {
    if (this.disposed || this.call.endedAt !== null) return;
    switch (f.type) {
      case 'media': {
        // Size-checked from the header, then converted in slices: a huge WAV never stalls the other calls.
        const pcm = await wavToPsrPcmAsync(f.audio);
        if (this.disposed) return;
        this.call.actions.media!++;
        this.call.playback.enqueue(pcm, 'media', { interrupt: !f.isSync });
        this.call.note(logMessage('sim.media', { seconds: pcm.length / 8000, isSync: f.isSync }));
        return;
      }
      case 'chunk': {
        const pcm = f.format === 'pcm16' ? this.chunks.pcm16(f.audio) : await this.chunks.mp3(f.audio);
        if (this.disposed) return;
        this.call.actions.chunk!++;
        this.call.playback.enqueue(pcm, 'chunk');
        return;
      }
      case 'transfer':
        if (f.misspelled) this.call.note(logMessage('FRAME_MISSPELLED_EVENT'), 'FRAME_MISSPELLED_EVENT');
        this.call.actions.transfer!++;
        this.call.transfer(f.extension);
        return;
      case 'hangup':
        this.call.actions.hangup!++;
        await this.call.end('hangup', 'completed', logMessage('sim.bot_hung_up'));
        return;
    }
  }

}
