// What a bot-test step says when it fails (or a note when it passes), by stable code with params. The
// English wording is here (the CLI, JUnit and HTML reports read it); the Tests screen words the same
// code and params in the user's language (tests:step.<code>).
import type { Step } from './schema';

export type StepParams = Record<string, string | number>;
export interface StepMessage {
  code: StepMessageCode;
  params: StepParams;
}

const n = (v: string | number | undefined) => (v === undefined ? '?' : String(v));

export const stepMessageWords = {
  call_limit: (p: StepParams) => `the call reached its limit of ${n(p.limit_ms)} ms (call.max_ms) while this step was waiting`,
  bot_audio_none: (p: StepParams) => `expected bot audio within ${n(p.limit_ms)} ms; none played in ${n(p.waited_ms)} ms`,
  bot_kept_talking: (p: StepParams) => `expected ${n(p.ms)} ms without bot audio within ${n(p.limit_ms)} ms; the bot kept talking`,
  reply_too_early: (p: StepParams) => `expected a reply after the caller's last word; the bot's audio started ${n(p.early_ms)} ms before it (the bot talked over the caller)`,
  reply_late: (p: StepParams) => `expected a reply within ${n(p.limit_ms)} ms; the bot's audio started ${n(p.latency_ms)} ms after the caller's last word`,
  reply_none: (p: StepParams) => `expected a reply within ${n(p.limit_ms)} ms; no bot audio in ${n(p.waited_ms)} ms after the caller's last word`,
  talked_over_caller: () => 'the bot kept talking over the caller',
  barge_no_audio: (p: StepParams) => `expected the bot to start talking within ${n(p.limit_ms)} ms so the caller could barge in; it did not`,
  transfer_wrong: (p: StepParams) => `expected a transfer to extension ${n(p.expected)}; the bot transferred to ${n(p.actual)}`,
  transfer_none: (p: StepParams) => `expected a transfer${p.expected !== undefined ? ` to extension ${n(p.expected)}` : ''} within ${n(p.limit_ms)} ms; none came`,
  no_reply_broken: (p: StepParams) => `expected no bot audio for ${n(p.for_ms)} ms; the bot's audio started ${n(p.after_ms)} ms in`,
  hangup_none: (p: StepParams) => `expected the bot to hang up within ${n(p.limit_ms)} ms; it did not`,
  query_mismatch: (p: StepParams) => `expected the bot's connection to carry ${n(p.key)}=${n(p.expected)}; it carried ${p.actual === undefined ? `no ${n(p.key)}` : `${n(p.key)}=${n(p.actual)}`}`,
  not_conforming: (p: StepParams) => `expected ${n(p.rule)} to conform; ${n(p.detail)}`,
  bot_hung_up_note: () => 'the bot hung up',
  // whole-call expectations (expect:)
  exp_turns_none: () => 'expected turn latencies to judge; no reply was measured (add say + expect_reply steps)',
  exp_p95_over: (p: StepParams) => `expected p95 turn latency ≤ ${n(p.limit_ms)} ms; measured ${n(p.p95_ms)} ms over ${n(p.turns)} turns`,
  exp_max_over: (p: StepParams) => `expected every turn latency ≤ ${n(p.limit_ms)} ms; the slowest was ${n(p.max_ms)} ms`,
  exp_turns_ok: (p: StepParams) => `p95 ${n(p.p95_ms)} ms over ${n(p.turns)} turns`,
  exp_protocol_bad: (p: StepParams) => `${n(p.count)} malformed bot frame(s); first at ${n(p.at_ms)} ms: [${n(p.code)}] ${n(p.detail)}`,
  exp_protocol_ok: () => 'every bot frame was well formed',
  exp_conformance: (p: StepParams) => `${n(p.count)}×: ${n(p.detail)}`,
  exp_audio_ok: (p: StepParams) => `${n(p.label)} heard on leg A (correlation ${n(p.corr)})`,
  exp_audio_bad: (p: StepParams) => `expected ${n(p.label)} on leg A with correlation ≥ ${n(p.min)}; best match ${n(p.corr)}`,
  /** The call ended while a step waited: `wait` is what the step expected, `how` how it ended. */
  ended_while: (p: StepParams) => `${waitWords(p)}; ${endWords(p)}`,
} satisfies Record<string, (p: StepParams) => string>;

export type StepMessageCode = keyof typeof stepMessageWords;

export function stepMessage(code: StepMessageCode, params: StepParams = {}): StepMessage {
  return { code, params };
}

export function englishStepMessage(m: StepMessage): string {
  return stepMessageWords[m.code](m.params);
}

/** What a waiting step expected, as params: `wait` (its kind) and its limit. */
export function waitParams(step: Step): StepParams {
  const v = step.value as Record<string, unknown> | undefined;
  if (step.kind === 'wait_bot_quiet' && typeof v?.ms === 'number') return { wait: step.kind, limit_ms: v.ms };
  const limit = typeof v?.within_ms === 'number' ? v.within_ms : typeof v?.for_ms === 'number' ? v.for_ms : typeof v?.ms === 'number' ? v.ms : undefined;
  return { wait: step.kind, ...(limit !== undefined ? { limit_ms: limit } : {}) };
}

function waitWords(p: StepParams): string {
  switch (p.wait) {
    case 'expect_reply':
      return `expected a reply within ${n(p.limit_ms)} ms`;
    case 'expect_bot_audio':
      return `expected bot audio within ${n(p.limit_ms)} ms`;
    case 'expect_transfer':
      return `expected a transfer within ${n(p.limit_ms)} ms`;
    case 'wait_bot_quiet':
      return `expected ${n(p.limit_ms)} ms without bot audio`;
    case 'expect_no_reply':
      return `expected no bot audio for ${n(p.limit_ms)} ms`;
    case 'expect_hangup':
      return `expected the bot to hang up within ${n(p.limit_ms)} ms`;
    default:
      return `expected the call to last until the ${n(p.wait)} step finished`;
  }
}

function endWords(p: StepParams): string {
  if (p.how === 'bot-hangup') return `the bot hung up ${n(p.after_ms)} ms into this step`;
  if (p.how === 'socket-closed') return `the bot closed the socket without a hangup action ${n(p.after_ms)} ms into this step`;
  return `the call ended (${n(p.how)}) ${n(p.after_ms)} ms into this step`;
}
