// A bot that runs inside the embedded endpoint (the demo bot, the greeting option).
// The endpoint calls these hooks for each call; the bot answers through BotCallControls.
import type { LogMessage, LogParams } from '../../shared/call-log';
import type { Leg } from '../../shared/contract/live';

export interface BotCallControls {
  readonly callId: string;
  readonly query: Readonly<Record<string, string>>;
  /** Send a `media` action: a whole WAV file (any PCM WAV; the endpoint sends it as is). */
  sendMedia(wav: Uint8Array, opts?: { isSync?: boolean; label?: string; params?: LogParams }): void;
  /** Send one `chunk` action. */
  sendChunk(payload: Uint8Array, format: 'mp3' | 'pcm16'): void;
  transfer(extension: string): void;
  hangup(): void;
  /** A line in the call's log, as a message code with params (the renderer words it). */
  log(message: LogMessage): void;
}

export interface EndpointBot {
  readonly name: string;
  onConnected(call: BotCallControls): void;
  /** Voice activity per leg from the endpoint's meters (B = the person called). t = call audio ms. */
  onVoiceActivity?(call: BotCallControls, leg: Leg, speaking: boolean, t: number): void;
  onClosed?(call: BotCallControls): void;
}
