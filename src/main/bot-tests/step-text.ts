// Wording and figures of a step's verdict: what the step waited for (in a failure message), and the
// measured figures as reported (whole ms, the internal `started` mark left out).
import type { Step } from '../../shared/scenario';

/** What a step waited for, as the start of a failure message. */
export function describeWait(step: Step): string {
  switch (step.kind) {
    case 'expect_reply':
      return `expected a reply within ${step.value.within_ms} ms`;
    case 'expect_bot_audio':
      return `expected bot audio within ${step.value.within_ms} ms`;
    case 'expect_transfer':
      return `expected a transfer within ${step.value.within_ms} ms`;
    case 'wait_bot_quiet':
      return `expected ${step.value.ms} ms without bot audio`;
    case 'expect_no_reply':
      return `expected no bot audio for ${step.value.for_ms} ms`;
    case 'expect_hangup':
      return `expected the bot to hang up within ${step.value.within_ms} ms`;
    default:
      return `expected the call to last until the ${step.kind} step finished`;
  }
}

/** Figures as reported: numbers in whole ms, the internal `started` mark dropped. */
export function roundFigures(f: Record<string, number | string>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(f)) if (k !== 'started') out[k] = typeof v === 'number' ? Math.round(v) : v;
  return out;
}
