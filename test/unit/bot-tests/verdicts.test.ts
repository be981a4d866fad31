// Whole-call expectations say what they found both in English (CLI, reports) and as a code with params
// (the Tests screen words it in the user's language); the two are the same message.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/shared/scenario';
import { englishStepMessage, stepMessageWords, type StepMessage } from '../../../src/shared/scenario/step-messages';
import { evaluateCall } from '../../../src/main/bot-tests/verdicts';

const scenario = parseScenario(
  JSON.stringify({
    name: 'v',
    steps: [{ say: 'a.wav' }, { expect_reply: { within_ms: 900 } }],
    expect: { protocol: 'strict', turn_latency_ms: { p95_max: 600 }, conformance: { media_sample_rate: 'fail' }, bot_audio: [{ matches: 'bye.wav', min_corr: 0.8 }] },
  }),
  'v.json',
);

describe('evaluateCall', () => {
  it('every expectation carries a coded message whose English is the message', () => {
    const results = evaluateCall(scenario, {
      latencies: [500, 700, 720],
      protocol: [{ code: 'FRAME_NOT_JSON', detail: 'text that is not JSON', ms: 1200 }],
      conformance: [{ rule: 'media_sample_rate', detail: 'a media WAV at 16000 Hz', ms: 300 }],
      botCorr: [0.42],
      botAudioLabels: ['bye.wav'],
    });
    expect(results.map((r) => r.name)).toEqual(['turn_latency_ms', 'protocol', 'conformance.media_sample_rate', 'bot_audio[0]']);
    for (const r of results) {
      expect(r.passed).toBe(false);
      expect(r.msg, r.name).toBeDefined();
      expect(Object.hasOwn(stepMessageWords, r.msg!.code)).toBe(true);
      expect(englishStepMessage(r.msg as StepMessage)).toBe(r.message);
    }
    expect(results[0]!.msg).toEqual({ code: 'exp_p95_over', params: { limit_ms: 600, p95_ms: 720, turns: 3 } });
    expect(results[2]!.msg!.params).toMatchObject({ count: 1, rule: 'media_sample_rate' });
  });

  it('passing expectations are coded too', () => {
    const results = evaluateCall(scenario, { latencies: [400, 410], protocol: [], conformance: [], botCorr: [0.95], botAudioLabels: ['bye.wav'] });
    expect(results.map((r) => [r.name, r.passed, r.msg?.code])).toEqual([
      ['turn_latency_ms', true, 'exp_turns_ok'],
      ['protocol', true, 'exp_protocol_ok'],
      ['bot_audio[0]', true, 'exp_audio_ok'],
    ]);
  });
});
