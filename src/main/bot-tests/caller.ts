// The scripted caller (leg B) of a bot test: a pure state machine, no I/O and no timers. It is fed
// the 20 ms frame clock (tick t), the bot's audio on leg A at the moment PSR plays it, and the bot's
// actions; it writes leg B's PCM for each frame and produces step verdicts with measured figures.
// Pure so that one process can run hundreds (campaigns) and tests can drive it frame by frame.
import { englishStepMessage, stepMessage, waitParams, type ConformanceRule, type Step, type StepMessage } from '../../shared/scenario';
import { BOT_ACTIVE_DBFS, FRAME_MS, FRAME_SAMPLES, LATE_REPLY_GRACE_MS, type BotEvent, type BotFrame, type CallerAudio, type CallerCommand, type CompiledScenario } from './caller-types';

export * from './caller-types';
import { evaluateCall } from './verdicts';
import { roundFigures } from './step-text';
import type { StepResult, TestResult, Timeline, TimelineEvent } from './results';

const MAX_SPANS = 2000;
const MAX_EVENTS = 500;

interface Playing {
  audio: CallerAudio;
  pos: number;
  step: number;
}

export class Caller {
  readonly steps: StepResult[];
  readonly timeline: Timeline = { bot: [], caller: [], events: [], latencies: [] };
  readonly conformance: { rule: ConformanceRule; detail: string; ms: number }[] = [];
  readonly protocol: { code: string; detail: string; ms: number }[] = [];
  query: Record<string, string> = {};

  private idx = 0;
  private stepStart = 0;
  private stepStarted = false;
  private playing: Playing | null = null;
  private botActive = false;
  private quietSince = 0;
  private lastOnset = -1;
  private lastSay: { startMs: number; lastWordMs: number; step: number; lastWordAt: number | null } | null = null;
  private replyOnset = -1;
  private replyOnsetAt: number | null = null;
  private transfers: { ms: number; extension: string }[] = [];
  private transfersSeen = 0;
  private botHungUpMs = -1;
  private bargeOnset = -1;
  private nowMs = 0;
  private ended: { reason: string; ms: number } | null = null;
  private hangupRequested = false;
  private outStep = -1;
  private outFrame = -1;

  constructor(readonly compiled: CompiledScenario) {
    this.steps = compiled.scenario.steps.map((s, index) => ({ index, kind: s.kind, line: s.line, status: 'pending', startMs: null, endMs: null, figures: {}, message: '' }));
  }

  get finished(): boolean {
    return this.ended !== null;
  }
  get currentStep(): number {
    return this.idx;
  }
  /**
   * What leg B carried in the last tick: frame `legBFrame` of the audio of step `legBStep` (so a call
   * can send that frame pre-encoded), or step −1 when leg B was silent.
   */
  get legBStep(): number { return this.outStep; }
  get legBFrame(): number { return this.outFrame; }

  /**
   * One 20 ms frame: `bot` is leg A of frame t as PSR plays it; `out` receives leg B of frame t.
   * Returns 'hangup' when the caller hangs up (the script is done, a step failed, or the call is too long).
   */
  tick(t: number, bot: BotFrame, out: Int16Array): CallerCommand {
    const now = t * FRAME_MS;
    this.nowMs = now;
    this.timeLastWord(now, bot.endsAtMs);
    this.observeBot(now, bot);
    if (!this.ended && !this.hangupRequested) this.runSteps(now);
    this.timeLastWord(now, bot.endsAtMs);
    if (!this.hangupRequested && now + FRAME_MS >= this.compiled.scenario.call.max_ms) {
      this.failCurrent(now, stepMessage('call_limit', { limit_ms: this.compiled.scenario.call.max_ms }));
      this.hangupRequested = true;
    }
    this.writeLegB(now, out);
    return this.hangupRequested ? 'hangup' : 'continue';
  }

  /** A bot action or a protocol finding, at call time `ms`. */
  event(e: BotEvent, ms: number): void {
    const at = Math.max(0, Math.round(ms));
    switch (e.kind) {
      case 'transfer':
        this.transfers.push({ ms: at, extension: e.extension });
        this.note({ ms: at, kind: 'transfer', detail: `transfer to ${e.extension}` });
        return;
      case 'hangup':
        if (this.botHungUpMs < 0) this.botHungUpMs = at;
        this.note({ ms: at, kind: 'bot-hangup', detail: 'the bot hung up' });
        return;
      case 'protocol':
        if (this.protocol.length < MAX_EVENTS) this.protocol.push({ code: e.code, detail: e.detail, ms: at });
        this.note({ ms: at, kind: 'protocol', detail: e.detail, code: e.code });
        return;
      case 'conformance':
        if (this.conformance.length < MAX_EVENTS) this.conformance.push({ rule: e.rule, detail: e.detail, ms: at });
        this.note({ ms: at, kind: 'conformance', detail: e.detail, code: e.rule });
        return;
    }
  }

  /**
   * The call is over (`reason`: caller-hangup, bot-hangup, socket-closed, max-duration…). The step
   * that was waiting passes if it waited for exactly this, else fails; the rest are skipped.
   */
  finish(reason: string, ms: number): void {
    if (this.ended) return;
    const at = Math.max(this.nowMs, Math.round(ms));
    this.closeSpans(at);
    if (reason === 'socket-closed') this.note({ ms: at, kind: 'socket-closed', detail: 'the bot closed the socket without a hangup action' });
    if (reason === 'caller-hangup' && !this.timeline.events.some((e) => e.kind === 'caller-hangup')) this.note({ ms: at, kind: 'caller-hangup', detail: 'the caller hung up' });
    const step = this.compiled.scenario.steps[this.idx];
    if (step && this.steps[this.idx]!.status !== 'passed' && this.steps[this.idx]!.status !== 'failed') {
      if (!this.stepStarted) this.begin(at);
      if (step.kind === 'expect_hangup' && reason === 'bot-hangup') this.pass(at, { after_ms: at - this.stepStart });
      else if (step.kind === 'expect_no_reply' && reason === 'bot-hangup') this.pass(at, { quiet_ms: at - this.stepStart }, stepMessage('bot_hung_up_note'));
      else this.failCurrent(at, this.endedWhile(reason, at, step));
    }
    for (let i = this.idx + 1; i < this.steps.length; i++) if (this.steps[i]!.status === 'pending') this.steps[i]!.status = 'skipped';
    this.ended = { reason, ms: at };
  }

  /** The verdict; `botCorr` are the best normalised cross-correlations of expect.bot_audio (computed by the call over leg A). */
  result(extra: { callId: string; botCorr?: number[]; peaks?: TestResult['peaks']; recording?: TestResult['recording'] }): TestResult {
    const ended = this.ended ?? { reason: 'unfinished', ms: this.nowMs };
    const expectations = evaluateCall(this.compiled.scenario, {
      latencies: this.timeline.latencies.map((l) => l.latencyMs),
      protocol: this.protocol,
      conformance: this.conformance,
      botCorr: extra.botCorr ?? [],
      botAudioLabels: this.compiled.botAudio.map((b) => b.label),
    });
    const failedStep = this.steps.find((s) => s.status === 'failed');
    const failedExp = expectations.find((e) => !e.passed && !e.warning);
    const failure = failedStep
      ? `step ${failedStep.index + 1} (${failedStep.kind}${failedStep.line !== null ? `, line ${failedStep.line}` : ''}): ${failedStep.message}`
      : failedExp
        ? `expect.${failedExp.name}: ${failedExp.message}`
        : undefined;
    return {
      file: this.compiled.file,
      name: this.compiled.scenario.name,
      callId: extra.callId,
      passed: !failure && this.steps.every((s) => s.status === 'passed'),
      endReason: ended.reason,
      durationMs: ended.ms,
      steps: this.steps,
      expectations,
      timeline: this.timeline,
      query: this.query,
      recording: extra.recording,
      peaks: extra.peaks,
      failure: failure ?? (this.steps.every((s) => s.status === 'passed') ? undefined : 'the call ended before every step ran'),
    };
  }

  // ---- leg A ----
  private observeBot(now: number, bot: BotFrame): void {
    const active = bot.rmsDbfs > BOT_ACTIVE_DBFS;
    if (active && !this.botActive) {
      const onset = now + (bot.onsetSample >= 0 ? bot.onsetSample / 8 : 0);
      this.lastOnset = onset;
      if (this.lastSay && this.replyOnset < 0 && onset >= this.lastSay.startMs) {
        this.replyOnset = onset;
        this.replyOnsetAt = bot.onsetAtMs ?? (bot.endsAtMs !== undefined ? bot.endsAtMs - FRAME_MS + (onset - now) : null);
      }
      if (this.timeline.bot.length < MAX_SPANS) this.timeline.bot.push({ startMs: Math.round(onset), endMs: -1 });
    } else if (!active && this.botActive) {
      this.quietSince = now;
      const span = this.timeline.bot[this.timeline.bot.length - 1];
      if (span && span.endMs < 0) span.endMs = now;
    }
    this.botActive = active;
  }

  /** The caller's last word on the real clock, from the frame that carries it (sent as its 20 ms end). */
  private timeLastWord(now: number, endsAtMs: number | undefined): void {
    const say = this.lastSay;
    if (endsAtMs === undefined || !say || say.lastWordAt !== null || say.lastWordMs > now + FRAME_MS) return;
    say.lastWordAt = endsAtMs - FRAME_MS + (say.lastWordMs - now);
  }

  private closeSpans(at: number): void {
    for (const s of this.timeline.bot) if (s.endMs < 0) s.endMs = at;
    for (const s of this.timeline.caller) if (s.endMs < 0) s.endMs = at;
  }

  // ---- leg B ----
  private writeLegB(now: number, out: Int16Array): void {
    const p = this.playing;
    this.outStep = -1;
    if (!p || this.hangupRequested) {
      out.fill(0);
      return;
    }
    this.outStep = p.step;
    this.outFrame = Math.floor(p.pos / FRAME_SAMPLES);
    const src = p.audio.pcm;
    const n = Math.min(out.length, src.length - p.pos);
    for (let i = 0, j = p.pos; i < n; i++, j++) out[i] = src[j]!;
    if (n < out.length) out.fill(0, n);
    p.pos += n;
    if (p.pos >= src.length) {
      this.playing = null;
      const span = this.timeline.caller[this.timeline.caller.length - 1];
      if (span && span.endMs < 0) span.endMs = now + (n * FRAME_MS) / FRAME_SAMPLES;
    }
  }

  private speak(now: number, audio: CallerAudio): void {
    this.playing = { audio, pos: 0, step: this.idx };
    this.lastSay = { startMs: now, lastWordMs: now + audio.speechEndSample / 8, step: this.idx, lastWordAt: null };
    this.replyOnset = -1;
    this.replyOnsetAt = null;
    if (this.timeline.caller.length < MAX_SPANS) this.timeline.caller.push({ startMs: now, endMs: -1, label: audio.label });
  }

  // ---- steps ----
  private runSteps(now: number): void {
    // Steps that finish at once (say's end, expect_query…) hand over to the next in the same frame.
    for (let guard = 0; guard < 1000 && this.idx < this.steps.length && !this.hangupRequested; guard++) {
      if (!this.stepStarted) this.begin(now);
      const before = this.idx;
      this.runStep(now, this.compiled.scenario.steps[this.idx]!);
      if (this.idx === before) return;
    }
    // Script done: the caller hangs up.
    if (this.idx >= this.steps.length) this.hangupRequested = true;
  }

  private begin(now: number): void {
    this.stepStarted = true;
    this.stepStart = now;
    const r = this.steps[this.idx]!;
    r.status = 'running';
    r.startMs = now;
    this.bargeOnset = -1;
  }

  private pass(now: number, figures: Record<string, number | string>, message?: StepMessage): void {
    const r = this.steps[this.idx]!;
    r.status = 'passed';
    r.endMs = now;
    r.figures = roundFigures(figures);
    r.message = message ? englishStepMessage(message) : '';
    if (message) r.msg = message;
    this.idx++;
    this.stepStarted = false;
  }

  private fail(now: number, figures: Record<string, number | string>, message: StepMessage): void {
    const r = this.steps[this.idx]!;
    r.status = 'failed';
    r.endMs = now;
    r.figures = roundFigures(figures);
    r.message = englishStepMessage(message);
    r.msg = message;
    // A failed step ends the script: the caller hangs up, later steps are skipped.
    this.hangupRequested = true;
    for (let i = this.idx + 1; i < this.steps.length; i++) this.steps[i]!.status = 'skipped';
  }

  private failCurrent(now: number, message: StepMessage): void {
    const r = this.steps[this.idx];
    if (!r || r.status === 'passed' || r.status === 'failed') return;
    if (!this.stepStarted) this.begin(now);
    this.fail(now, { waited_ms: now - this.stepStart }, message);
  }

  private endedWhile(reason: string, at: number, step: Step): StepMessage {
    return stepMessage('ended_while', { ...waitParams(step), how: reason, after_ms: at - this.stepStart });
  }

  private runStep(now: number, step: Step): void {
    const elapsed = now - this.stepStart;
    switch (step.kind) {
      case 'expect_bot_audio': {
        if (this.botActive) return this.pass(now, { after_ms: Math.max(0, (this.lastOnset >= this.stepStart ? this.lastOnset : now) - this.stepStart), limit_ms: step.value.within_ms });
        if (elapsed + FRAME_MS > step.value.within_ms) this.fail(now, { waited_ms: elapsed, limit_ms: step.value.within_ms }, stepMessage('bot_audio_none', { limit_ms: step.value.within_ms, waited_ms: elapsed }));
        return;
      }
      case 'wait_bot_quiet': {
        const quiet = this.botActive ? 0 : now - this.quietSince;
        if (quiet >= step.value.ms) return this.pass(now, { quiet_ms: quiet, waited_ms: elapsed });
        if (elapsed >= step.value.within_ms) this.fail(now, { waited_ms: elapsed, limit_ms: step.value.within_ms }, stepMessage('bot_kept_talking', { ms: step.value.ms, limit_ms: step.value.within_ms }));
        return;
      }
      case 'say': {
        if (!this.playing && this.steps[this.idx]!.figures.started === undefined) {
          const audio = this.compiled.audio.get(this.idx)!;
          this.speak(now, audio);
          this.steps[this.idx]!.figures = { started: now };
          return;
        }
        if (!this.playing) this.pass(now, { duration_ms: elapsed, last_word_ms: this.lastSay ? Math.round(this.lastSay.lastWordMs) : 0 });
        return;
      }
      case 'silence': {
        if (elapsed >= step.value) this.pass(now, { duration_ms: elapsed });
        return;
      }
      case 'expect_reply': {
        const say = this.lastSay!;
        const limit = step.value.within_ms;
        if (this.replyOnset >= 0) {
          const timed = this.replyOnsetAt !== null && say.lastWordAt !== null;
          const latency = timed ? Math.round((this.replyOnsetAt! - say.lastWordAt!) * 10) / 10 : Math.round(this.replyOnset - say.lastWordMs);
          this.timeline.latencies.push({ step: this.idx, lastWordMs: Math.round(say.lastWordMs), botStartMs: Math.round(this.replyOnset), latencyMs: latency, ...(timed ? { lastWordAtMs: say.lastWordAt! } : {}) });
          const figures = { latency_ms: latency, limit_ms: limit };
          if (latency < 0) return this.fail(now, figures, stepMessage('reply_too_early', { early_ms: Math.round(-latency) }));
          if (latency <= limit) return this.pass(now, figures);
          return this.fail(now, figures, stepMessage('reply_late', { limit_ms: limit, latency_ms: Math.round(latency) }));
        }
        const waited = now + FRAME_MS - say.lastWordMs;
        if (waited > limit + LATE_REPLY_GRACE_MS) this.fail(now, { waited_ms: Math.round(waited), limit_ms: limit }, stepMessage('reply_none', { limit_ms: limit, waited_ms: Math.round(waited) }));
        return;
      }
      case 'barge_in': {
        const v = step.value;
        if (this.playing) return; // speaking
        if (this.steps[this.idx]!.figures.started !== undefined) {
          const f = this.steps[this.idx]!.figures;
          const stopped = this.timeline.bot.find((s) => s.startMs <= (f.started as number) && (s.endMs < 0 || s.endMs > (f.started as number)));
          const figures: Record<string, number | string> = { bot_start_ms: Math.round(this.bargeOnset), after_ms: v.after_ms, started: f.started as number };
          if (stopped && stopped.endMs >= 0) figures.bot_stopped_after_ms = stopped.endMs - (f.started as number);
          return this.pass(now, figures, stopped && stopped.endMs < 0 ? stepMessage('talked_over_caller') : undefined);
        }
        if (this.bargeOnset < 0) {
          if (this.botActive) this.bargeOnset = this.lastOnset >= 0 ? this.lastOnset : now;
          else {
            if (elapsed + FRAME_MS > v.within_ms) this.fail(now, { waited_ms: elapsed, limit_ms: v.within_ms }, stepMessage('barge_no_audio', { limit_ms: v.within_ms }));
            return;
          }
        }
        if (now >= this.bargeOnset + v.after_ms) {
          this.speak(now, this.compiled.audio.get(this.idx)!);
          this.steps[this.idx]!.figures = { started: now };
        }
        return;
      }
      case 'expect_transfer': {
        const v = step.value;
        const t = this.transfers[this.transfersSeen];
        if (t) {
          this.transfersSeen++;
          const figures = { after_ms: Math.max(0, t.ms - this.stepStart), extension: t.extension };
          if (v.extension === undefined || v.extension === t.extension) return this.pass(now, figures);
          return this.fail(now, figures, stepMessage('transfer_wrong', { expected: v.extension, actual: t.extension }));
        }
        if (elapsed + FRAME_MS > v.within_ms) this.fail(now, { waited_ms: elapsed, limit_ms: v.within_ms }, stepMessage('transfer_none', { limit_ms: v.within_ms, ...(v.extension ? { expected: v.extension } : {}) }));
        return;
      }
      case 'expect_no_reply': {
        if (this.lastOnset >= this.stepStart) return this.fail(now, { after_ms: Math.round(this.lastOnset - this.stepStart), for_ms: step.value.for_ms }, stepMessage('no_reply_broken', { for_ms: step.value.for_ms, after_ms: Math.round(this.lastOnset - this.stepStart) }));
        if (elapsed >= step.value.for_ms) this.pass(now, { quiet_ms: elapsed });
        return;
      }
      case 'hangup': {
        this.note({ ms: now, kind: 'caller-hangup', detail: 'the caller hung up' });
        this.pass(now, {});
        this.hangupRequested = true;
        return;
      }
      case 'expect_hangup': {
        // The bot's hangup ends the call: finish() passes this step. Here only the timeout.
        if (elapsed + FRAME_MS > step.value.within_ms) this.fail(now, { waited_ms: elapsed, limit_ms: step.value.within_ms }, stepMessage('hangup_none', { limit_ms: step.value.within_ms }));
        return;
      }
      case 'expect_query': {
        const wrong = Object.entries(step.value).filter(([k, v]) => this.query[k] !== v);
        if (wrong.length === 0) return this.pass(now, { keys: Object.keys(step.value).length });
        const [k, v] = wrong[0]!;
        return this.fail(now, { mismatched: wrong.length }, stepMessage('query_mismatch', { key: k, expected: JSON.stringify(v), ...(this.query[k] === undefined ? {} : { actual: JSON.stringify(this.query[k]) }) }));
      }
      case 'conformance': {
        const bad = this.conformance.find((c) => step.value[c.rule] === 'fail');
        if (bad) return this.fail(now, { findings: this.conformance.length }, stepMessage('not_conforming', { rule: bad.rule, detail: bad.detail }));
        return this.pass(now, { findings: this.conformance.length });
      }
    }
  }

  private note(e: TimelineEvent): void {
    if (this.timeline.events.length < MAX_EVENTS) this.timeline.events.push(e);
  }
}
