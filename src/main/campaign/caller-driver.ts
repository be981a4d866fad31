// Runs one call's caller plan: fed the frame clock's ticks, the bot's audio arrivals and actions;
// says which leg-B frame to send next and records a verdict per step. Pure (no I/O, no timers):
// every time is a monotonic ms value passed in, so a test can drive it frame by frame.
import type { CallerPlan, PlanStep, StepVerdict } from './caller-plan';

export interface CallerEvents {
  /** Leg-B source for the current frame: clip index (−1 = silence) and frame within it. */
  clip: number;
  frame: number;
}

export class CallerDriver implements CallerEvents {
  clip = -1;
  frame = 0;
  readonly verdicts: StepVerdict[] = [];
  readonly turnLatenciesMs: number[] = [];
  firstBotAudioMs: number | null = null;
  /** Set when the plan is over: 'completed' (every step ran), 'failed' (a step failed), 'hangup' (the caller hung up). */
  done: 'completed' | 'failed' | 'caller-hangup' | null = null;
  botHungUp = false;
  transfers: string[] = [];

  /** The frame produced by this tick is the first after the caller's last word: report its send time (frameSent). */
  endOfSpeechFrame = false;
  private i = 0;
  private stepStart = -1;
  private sayFrame = 0;
  private lastSayEnd: number | null = null;
  private replyAt: number | null = null;
  private botAudioAt: number | null = null;
  private quietSince: number;

  constructor(
    private readonly plan: CallerPlan,
    private readonly clipFrames: readonly number[],
    private readonly startedAt: number,
  ) {
    this.quietSince = startedAt;
  }

  /** The bot's audio arrived (a `media` or `chunk` action) at monotonic time `t`. */
  botAudio(t: number): void {
    if (this.firstBotAudioMs === null) this.firstBotAudioMs = t - this.startedAt;
    if (this.botAudioAt === null) this.botAudioAt = t;
    if (this.lastSayEnd !== null && this.replyAt === null && t >= this.lastSayEnd) this.replyAt = t;
  }

  /**
   * The first frame after the caller's words left at `sentAt`: that is when the bot could hear the
   * end of speech, so turn latency counts from there (a late tick does not inflate the bot's latency).
   */
  frameSent(sentAt: number): void {
    if (this.endOfSpeechFrame && this.lastSayEnd !== null && sentAt > this.lastSayEnd) {
      if (this.replyAt !== null && this.replyAt < sentAt) return;
      this.lastSayEnd = sentAt;
    }
  }

  botHangup(t: number): void {
    this.botHungUp = true;
    this.advance(t, false);
    if (!this.done) this.finish('failed', { ok: false, message: 'the bot hung up before the scenario ended' });
  }

  botTransfer(extension: string): void {
    this.transfers.push(extension);
  }

  /** Once per 20 ms frame, `t` = the frame's due time; `botPlaying` = leg A has bot audio this frame. */
  tick(t: number, botPlaying: boolean): void {
    if (botPlaying) this.quietSince = t + 20;
    this.endOfSpeechFrame = this.lastSayEnd === t;
    this.clip = -1;
    this.advance(t, botPlaying);
  }

  private get step(): PlanStep | undefined {
    return this.plan.steps[this.i];
  }

  private pass(measuredMs?: number): void {
    const s = this.step!;
    this.verdicts.push({ step: this.i, kind: s.kind, ok: true, ...(measuredMs === undefined ? {} : { measuredMs: Math.round(measuredMs) }) });
    this.i++;
    this.stepStart = -1;
    if (this.i >= this.plan.steps.length) this.done = 'completed';
  }

  private finish(done: 'failed' | 'caller-hangup', v: { ok: boolean; message?: string; measuredMs?: number }): void {
    const s = this.step;
    if (s) this.verdicts.push({ step: this.i, kind: s.kind, ...v });
    this.done = done;
  }

  private advance(t: number, botPlaying: boolean): void {
    // Several instantaneous steps may complete within one tick; a `say` frame ends the tick.
    for (let guard = 0; guard < 64 && !this.done; guard++) {
      const s = this.step;
      if (!s) {
        this.done = 'completed';
        return;
      }
      if (this.stepStart < 0) {
        this.stepStart = t;
        this.sayFrame = 0;
        if (s.kind === 'expect_reply' || s.kind === 'expect_no_reply') {
          // A reply that arrived between the end of the caller's words and this step still counts.
        } else if (s.kind === 'expect_bot_audio') {
          if (this.botAudioAt !== null && this.i > 0) this.botAudioAt = null;
        }
      }
      const waited = t - this.stepStart;
      switch (s.kind) {
        case 'expect_bot_audio':
          if (this.botAudioAt !== null) {
            this.pass(this.botAudioAt - this.startedAt);
            continue;
          }
          if (waited > s.withinMs) return this.finish('failed', { ok: false, message: `expected bot audio within ${s.withinMs} ms; none after ${Math.round(waited)} ms` });
          return;
        case 'wait_bot_quiet':
          if (!botPlaying && t - this.quietSince >= s.ms) {
            this.pass();
            continue;
          }
          if (waited > s.timeoutMs) return this.finish('failed', { ok: false, message: `the bot did not stay quiet for ${s.ms} ms within ${s.timeoutMs} ms` });
          return;
        case 'say': {
          const frames = this.clipFrames[s.clip] ?? 0;
          if (this.sayFrame < frames) {
            this.clip = s.clip;
            this.frame = this.sayFrame++;
            if (this.sayFrame === frames) {
              // The caller's last word ends when this frame ends.
              this.lastSayEnd = t + 20;
              this.replyAt = null;
              this.botAudioAt = null;
              this.pass();
            }
            return;
          }
          this.pass();
          continue;
        }
        case 'silence':
          if (waited >= s.ms) {
            this.pass();
            continue;
          }
          return;
        case 'expect_reply': {
          if (this.replyAt !== null) {
            const latency = this.replyAt - (this.lastSayEnd ?? this.stepStart);
            this.turnLatenciesMs.push(Math.round(latency));
            if (latency > s.withinMs) return this.finish('failed', { ok: false, measuredMs: Math.round(latency), message: `expected a reply within ${s.withinMs} ms; the bot's audio started ${Math.round(latency)} ms after the caller's last word` });
            this.replyAt = null;
            this.pass(latency);
            continue;
          }
          const since = t - (this.lastSayEnd ?? this.stepStart);
          if (since > s.withinMs) return this.finish('failed', { ok: false, message: `expected a reply within ${s.withinMs} ms; none after ${Math.round(since)} ms` });
          return;
        }
        case 'expect_no_reply':
          if (this.replyAt !== null) return this.finish('failed', { ok: false, message: `expected no reply for ${s.forMs} ms; the bot answered after ${Math.round(this.replyAt - (this.lastSayEnd ?? this.stepStart))} ms` });
          if (waited >= s.forMs) {
            this.pass();
            continue;
          }
          return;
        case 'expect_hangup':
          if (this.botHungUp) {
            this.pass(waited);
            continue;
          }
          if (waited > s.withinMs) return this.finish('failed', { ok: false, message: `expected the bot to hang up within ${s.withinMs} ms` });
          return;
        case 'hangup':
          this.verdicts.push({ step: this.i, kind: 'hangup', ok: true });
          this.i++;
          this.done = 'caller-hangup';
          return;
      }
    }
  }
}
