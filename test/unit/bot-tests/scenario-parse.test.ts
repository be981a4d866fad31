// The scenario format: a bad file is refused with its line and field named.
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../../src/shared/scenario';
import { EXAMPLE } from './helpers';

function error(text: string): ScenarioError {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('parseScenario', () => {
  it('reads the example with defaults filled in and the line of every step', () => {
    const s = parseScenario(EXAMPLE, 'billing.yaml');
    expect(s.call).toMatchObject({ app: 'bot', channel: 'stereo', is_silence: true, parameter: { danh_xung: 'anh', ma_kh: 'KH001' } });
    expect(s.steps.map((x) => x.kind)).toEqual(['expect_bot_audio', 'wait_bot_quiet', 'say', 'expect_reply', 'wait_bot_quiet', 'say', 'expect_reply', 'expect_hangup']);
    expect(s.steps.map((x) => x.line)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(s.steps[5]!.value).toEqual({ text: 'Tôi muốn trả bằng thẻ', voice: 'vi' });
    expect(s.expect).toMatchObject({ protocol: 'strict', turn_latency_ms: { p95_max: 1200 }, bot_audio: [{ matches: 'goodbye.wav', min_corr: 0.8 }] });
  });

  it('reads the same scenario written as JSON', () => {
    const json = JSON.stringify({ name: 'j', steps: [{ say: 'a.wav' }, { expect_reply: { within_ms: 900 } }, 'hangup'] }, null, 2);
    const s = parseScenario(json, 'j.json');
    expect(s.steps.map((x) => x.kind)).toEqual(['say', 'expect_reply', 'hangup']);
    expect(s.steps[1]!.line).toBe(7);
  });

  it('names the line and field of a wrong value', () => {
    const e = error(EXAMPLE.replace('expect_reply: { within_ms: 1500 }        #', 'expect_reply: { within_ms: soon }        #'));
    expect(e.code).toBe('SCENARIO_INVALID');
    expect(e.line).toBe(11);
    expect(e.field).toBe('steps[3].expect_reply.within_ms');
    expect(e.message).toMatch(/^bad\.yaml:11:\d+: field 'steps\[3\]\.expect_reply\.within_ms': expected a timeout in milliseconds/);
  });

  it('names an unknown step, an unknown field and a misspelt enum', () => {
    expect(error('name: x\nsteps:\n  - sey: a.wav\n')).toMatchObject({ line: 3, field: 'steps[0].sey' });
    const unknown = error('name: x\nsteps:\n  - expect_reply: { within: 3 }\n');
    expect(unknown).toMatchObject({ line: 3, field: 'steps[0].expect_reply.within' });
    expect(unknown.message).toContain("unknown field 'within'");
    expect(error('name: x\ncall:\n  channel: both\nsteps: [hangup]\n')).toMatchObject({ line: 3, field: 'call.channel' });
    expect(error('name: x\nsteps:\n  - say: a.wav\n    expect_reply: {}\n').message).toContain('one step per list item');
  });

  it('refuses broken YAML with its line, and a missing name', () => {
    const e = error('name: x\nsteps:\n  - say: [a.wav\n');
    expect(e.code).toBe('SCENARIO_SYNTAX');
    expect(e.line).not.toBeNull();
    expect(error('steps: [hangup]\n').field).toBe('name');
  });
});
