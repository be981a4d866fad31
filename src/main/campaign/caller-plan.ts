// What one campaign call's caller (leg B) does, in a form that crosses to worker threads as plain
// data: steps with their sounds referenced by index into the campaign's pre-encoded clips.
// Built from a scenario file (scenario-plan.ts); interpreted per call by caller-driver.ts.

export type PlanStep =
  | { kind: 'expect_bot_audio'; withinMs: number }
  | { kind: 'wait_bot_quiet'; ms: number; timeoutMs: number }
  | { kind: 'say'; clip: number; label: string }
  | { kind: 'silence'; ms: number }
  | { kind: 'expect_reply'; withinMs: number }
  | { kind: 'expect_no_reply'; forMs: number }
  | { kind: 'expect_hangup'; withinMs: number }
  | { kind: 'hangup' };

export interface CallerPlan {
  steps: PlanStep[];
  /** A call still running after this long is ended and counted as failed (CAMPAIGN_CALL_TIMEOUT). */
  maxCallMs: number;
}

export interface StepVerdict {
  step: number;
  kind: PlanStep['kind'];
  ok: boolean;
  /** The figure the step measured (turn latency, time to first audio…), ms. */
  measuredMs?: number;
  message?: string;
}

export function describeStep(s: PlanStep): string {
  switch (s.kind) {
    case 'expect_bot_audio':
      return `expect bot audio within ${s.withinMs} ms`;
    case 'wait_bot_quiet':
      return `wait for ${s.ms} ms without bot audio`;
    case 'say':
      return `say ${s.label}`;
    case 'silence':
      return `silence ${s.ms} ms`;
    case 'expect_reply':
      return `expect a reply within ${s.withinMs} ms`;
    case 'expect_no_reply':
      return `expect no reply for ${s.forMs} ms`;
    case 'expect_hangup':
      return `expect the bot to hang up within ${s.withinMs} ms`;
    case 'hangup':
      return 'hang up';
  }
}
