// What the scripted caller is fed and gives back: frame constants, compiled scenarios, bot frames and
// events. Shared by the caller state machine, the PSR-side test call and the campaign generator.
import type { ConformanceRule, Scenario } from '../../shared/scenario';

export const FRAME_SAMPLES = 160;
export const FRAME_MS = 20;
/** Leg-A audio louder than this (RMS of a 20 ms frame) counts as the bot talking. */
export const BOT_ACTIVE_DBFS = -45;
/** Sample amplitude that marks where, inside the first loud frame, the bot's audio starts. */
export const ONSET_AMPLITUDE = 180;
/** After a reply that is later than its limit, keep listening this long to report the real figure. */
export const LATE_REPLY_GRACE_MS = 10_000;

/** Caller audio, decoded to 8 kHz mono; `speechEndSample` is where its last word ends. */
export interface CallerAudio {
  label: string;
  pcm: Int16Array;
  speechEndSample: number;
}

export interface CompiledScenario {
  file: string;
  scenario: Scenario;
  /** Audio of each say / barge_in step, by step index. */
  audio: ReadonlyMap<number, CallerAudio>;
  /** Reference sounds of expect.bot_audio, decoded. */
  botAudio: { label: string; pcm: Int16Array; minCorr: number }[];
  /** The audio_file PSR plays on answer (app=bot, is_silence=false). */
  callAudio: Int16Array | null;
}

/**
 * One frame of leg A as PSR plays it. Frame t covers call time [20t, 20t+20) on the frame grid; as
 * PSR streams live audio, a frame goes out when its 20 ms have been played. A call that reads a real
 * clock also gives, in ms since the call started: `endsAtMs`, when this frame's audio ends (its
 * scheduled send time: a frame sent late is a delivery delay, not later speech), and `onsetAtMs`,
 * when the bot's audio that starts in this frame became playable (its arrival on the socket, or the
 * end of what played before it). Turn latencies are then measured on that clock (the bot's audio
 * start − the caller's last word), free of the 20 ms grid and of the clock's catch-ups.
 */
export interface BotFrame {
  rmsDbfs: number;
  /** Index of the first sample louder than ONSET_AMPLITUDE, or -1. */
  onsetSample: number;
  endsAtMs?: number | undefined;
  onsetAtMs?: number | undefined;
}

export type BotEvent =
  | { kind: 'transfer'; extension: string }
  | { kind: 'hangup' }
  | { kind: 'protocol'; code: string; detail: string }
  | { kind: 'conformance'; rule: ConformanceRule; detail: string };

export type CallerCommand = 'continue' | 'hangup';
