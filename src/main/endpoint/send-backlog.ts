// The limit on data waiting to be sent to PSR, per call: the bytes the call's socket holds that the
// kernel has not taken yet (`ws.bufferedAmount`). A PSR that keeps streaming its media but never reads
// what it is sent would otherwise make the endpoint hold every action, relayed frame and chunk sent to
// it, for as long as the call lasts.
import { AppError, isAppError } from '../../shared/errors';

/**
 * An action, or a frame of the upstream bot in tap mode, that would take a call's unsent bytes over
 * this is not sent (logged `ACTION_BACKLOG_FULL`). 32 MiB: the largest action the console sends, a
 * 16 MiB WAV (`ENDPOINT_MAX_FILE_BYTES`) as a base64 `media` frame (~21.4 MiB), fits behind a few
 * MiB already waiting; a second one does not.
 */
export const PSR_BACKLOG_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Chunks are a real-time stream: while more than this waits for PSR, a chunk is not sent (the
 * console's stream pauses and resumes once PSR has read below it; see ChunkStreamer). 256 KiB is
 * about 12 s of 100 ms pcm16 chunks: more than that waiting means PSR is not keeping up.
 */
export const CHUNK_BACKLOG_PAUSE_BYTES = 256 * 1024;

/**
 * Once the upstream bot's frames are being dropped (tap mode), relaying resumes when no more than this
 * waits: a PSR that reads a little at a time gets whole stretches of the bot's frames, not every other one.
 */
export const RELAY_RESUME_BYTES = PSR_BACKLOG_MAX_BYTES / 2;

export interface BacklogRefusal {
  /** Bytes already waiting for PSR. */
  waiting: number;
  /** The size of what was not sent. */
  bytes: number;
  /** The limit it ran into. */
  limit: number;
}

/** Why `bytes` more cannot wait behind `waiting` (a chunk: `stream`), or null when they can. */
export function backlogRefusal(waiting: number, bytes: number, stream: boolean): BacklogRefusal | null {
  if (stream && waiting > CHUNK_BACKLOG_PAUSE_BYTES) return { waiting, bytes, limit: CHUNK_BACKLOG_PAUSE_BYTES };
  if (waiting + bytes > PSR_BACKLOG_MAX_BYTES) return { waiting, bytes, limit: PSR_BACKLOG_MAX_BYTES };
  return null;
}

/** The error a request for an action gets when the action was not sent for the backlog. */
export function backlogError(kind: string, r: BacklogRefusal): AppError {
  return new AppError(
    'ACTION_BACKLOG_FULL',
    `${kind} not sent: ${r.waiting} bytes already wait for PSR to read them and this ${kind} is ${r.bytes} bytes; the limit is ${r.limit} bytes waiting per call. PSR is not reading what it is sent (or reads slowly): send again once it has caught up`,
    undefined,
    { kind, waiting: r.waiting, bytes: r.bytes, limit: r.limit },
  );
}

export function isBacklogFull(e: unknown): boolean {
  return isAppError(e) && e.code === 'ACTION_BACKLOG_FULL';
}
