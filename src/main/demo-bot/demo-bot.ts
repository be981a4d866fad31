// The demo bot: runs inside the embedded endpoint with no code. Greets on `connected`, waits for the
// caller (leg B) to finish speaking, answers with the next prompt, and hangs up after the last one.
import { logMessage } from '../../shared/call-log';
import type { Leg } from '../../shared/contract/live';
import type { BotCallControls, EndpointBot } from '../endpoint/bot';
import type { Prompt } from './prompts';

export interface DemoBotOptions {
  /** Prompts for a call; chosen per call so each call can have its own language. */
  prompts(call: BotCallControls): Prompt[] | null;
  /** setTimeout-like; returns a cancel function. Injectable for tests. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** Pause after the last prompt has played before hanging up. */
  hangupAfterMs?: number;
  /** Hang up when the caller says nothing for this long after a prompt ended. 0 = never. */
  idleHangupMs?: number;
  /** Monotonic milliseconds, the clock of `schedule`. Injectable for tests. */
  now?: () => number;
}

interface CallState {
  prompts: Prompt[];
  next: number;
  callerSpoke: boolean;
  /** When (this.now()) the prompts queued so far will have finished playing: is_sync plays them in turn. */
  busyUntil: number;
  timers: Set<() => void>;
  idle: (() => void) | null;
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export class DemoBot implements EndpointBot {
  readonly name = 'demo';
  private readonly calls = new Map<string, CallState>();
  private readonly schedule: (fn: () => void, ms: number) => () => void;
  private readonly now: () => number;

  constructor(private readonly opts: DemoBotOptions) {
    this.schedule = opts.schedule ?? defaultSchedule;
    this.now = opts.now ?? (() => performance.now());
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  onConnected(call: BotCallControls): void {
    const prompts = this.opts.prompts(call);
    if (!prompts || prompts.length === 0) return; // not a demo call: stay silent
    const st: CallState = { prompts, next: 0, callerSpoke: false, busyUntil: this.now(), timers: new Set(), idle: null };
    this.calls.set(call.callId, st);
    this.say(call, st);
  }

  onVoiceActivity(call: BotCallControls, leg: Leg, speaking: boolean): void {
    const st = this.calls.get(call.callId);
    if (!st || leg !== 'B') return;
    if (speaking) {
      st.callerSpoke = true;
      st.idle?.();
      st.idle = null;
      return;
    }
    // Speech that ended while the bot was still talking was over the bot (barge-in, or the bot's own
    // audio echoed back by a speakerphone): the bot keeps its turn and waits for a real answer.
    if (this.now() < st.busyUntil) {
      st.callerSpoke = false;
      return;
    }
    // The caller finished a turn after the bot had finished: answer with the next prompt.
    if (!st.callerSpoke || st.next >= st.prompts.length) return;
    st.callerSpoke = false;
    this.say(call, st);
  }

  onClosed(call: BotCallControls): void {
    const st = this.calls.get(call.callId);
    if (!st) return;
    for (const cancel of st.timers) cancel();
    st.idle?.();
    this.calls.delete(call.callId);
  }

  private say(call: BotCallControls, st: CallState): void {
    const p = st.prompts[st.next++]!;
    // is_sync: a prompt never cuts the previous one short.
    call.sendMedia(p.wav, { isSync: true, label: `demo prompt ${p.label}`, params: { prompt: p.label } });
    call.log(logMessage('bot.said', { text: p.text, seconds: Math.round(p.seconds * 10) / 10 }));
    const now = this.now();
    st.busyUntil = Math.max(now, st.busyUntil) + p.seconds * 1000;
    // Timers count from when this prompt will have finished playing, not from when it was sent.
    const playedMs = st.busyUntil - now;
    if (st.next >= st.prompts.length) {
      this.later(st, () => {
        call.log(logMessage('bot.last_prompt'));
        call.hangup();
      }, playedMs + (this.opts.hangupAfterMs ?? 700));
      return;
    }
    const idleMs = this.opts.idleHangupMs ?? 30_000;
    if (idleMs > 0) {
      st.idle?.();
      st.idle = this.schedule(() => {
        if (!this.calls.has(call.callId)) return;
        call.log(logMessage('bot.idle_hangup', { seconds: Math.round(idleMs / 1000) }));
        call.hangup();
      }, playedMs + idleMs);
    }
  }

  private later(st: CallState, fn: () => void, ms: number): void {
    const cancel = this.schedule(() => {
      st.timers.delete(cancel);
      fn();
    }, ms);
    st.timers.add(cancel);
  }
}
