// A call's memo of its last media frame (the reader skips JSON.parse for a frame that differs from
// the last one only in its timestamp's digits) must read every frame of a sequence exactly as the
// ordinary path does: hand-made traps that could fool it, then a seeded fuzz of frame sequences.
import { describe, expect, it } from 'vitest';
import { MediaFrameMemo, readPsrFrame } from '../../../src/shared/psr-stream';
import { readPsrFrameSlowly } from '../../../src/shared/psr-stream/reader';

const PAYLOAD = Buffer.from(Array.from({ length: 320 }, (_, i) => (i * 53) & 0xff)).toString('base64');

function frame(ts: string, rest = `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c1","channel":"stereo"}}`, lead = '{"timestamp":'): string {
  return `${lead}${ts}${rest}`;
}

/** Reads the frames in order through one memo; each must equal the ordinary path. Returns the memo's hits. */
function sequence(texts: string[]): number {
  const memo = new MediaFrameMemo();
  for (const text of texts) {
    const fast = readPsrFrame(text, false, { memo }) as unknown as Record<string, unknown>;
    const slow = readPsrFrameSlowly(text, false) as unknown as Record<string, unknown>;
    expect(fast.type, text.slice(0, 140)).toBe(slow.type);
    expect(fast.code, text.slice(0, 140)).toBe(slow.code);
    expect(fast.message, text.slice(0, 140)).toEqual(slow.message);
    // Same keys in the same order, not only equal values.
    expect(JSON.stringify(fast.message)).toBe(JSON.stringify(slow.message));
    expect(fast.timestamp, text.slice(0, 140)).toBe(slow.timestamp);
    expect(fast.callId).toBe(slow.callId);
    expect(fast.channel).toBe(slow.channel);
  }
  return memo.hits;
}

describe('the media frame memo reads frames exactly as JSON.parse does', () => {
  it('takes the memo for frames that differ only in the timestamp, and the copies are independent', () => {
    const memo = new MediaFrameMemo();
    const texts = Array.from({ length: 50 }, (_, i) => frame(String(1_700_000_000_000 + i * 20)));
    const read = texts.map((t) => readPsrFrame(t, false, { memo }));
    expect(memo.hits).toBe(49);
    expect(read.map((f) => f.type === 'media' && f.timestamp)).toEqual(texts.map((_, i) => 1_700_000_000_000 + i * 20));
    // Each frame's message is its own object: changing one leaves the others and the memo alone.
    const [a, b] = read as unknown as Array<{ message: { data: { call_id: string } } }>;
    a!.message.data.call_id = 'changed';
    expect(b!.message.data.call_id).toBe('c1');
    expect((readPsrFrame(texts[3]!, false, { memo }) as unknown as { message: { data: { call_id: string } } }).message.data.call_id).toBe('c1');
    expect(sequence(texts)).toBe(49);
  });

  const traps: Array<[string, string[]]> = [
    ['the call_id changes', [frame('1'), frame('2', `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c2","channel":"stereo"}}`)]],
    ['the channel changes', [frame('1'), frame('2', `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c1","channel":"mono_a"}}`)]],
    ['a leading zero makes the frame not JSON', [frame('10'), frame('05')]],
    ['zero, then an exponent after the digits', [frame('0', `e3,"event":"media","media":{"payload":"${PAYLOAD}"}}`), frame('5', `e3,"event":"media","media":{"payload":"${PAYLOAD}"}}`)]],
    ['a fraction after the digits', [frame('1', `.5,"event":"media","media":{"payload":"${PAYLOAD}"}}`), frame('2', `.5,"event":"media","media":{"payload":"${PAYLOAD}"}}`)]],
    ['a negative timestamp', [frame('-1'), frame('-2')]],
    ['a second timestamp key later (JSON.parse keeps the last)', [frame('1', `,"event":"media","media":{"payload":"${PAYLOAD}"},"timestamp":1}`), frame('2', `,"event":"media","media":{"payload":"${PAYLOAD}"},"timestamp":1}`)]],
    ['a timestamp inside data', [frame('1', `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"timestamp":1}}`), frame('2', `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"timestamp":1}}`)]],
    ['spaces as in the docs', [frame('1', ` , "event": "media", "media": {"payload":"${PAYLOAD}"}, "data": {"call_id": "c1", "channel": "stereo"} }`, '{ "timestamp": '), frame('22', ` , "event": "media", "media": {"payload":"${PAYLOAD}"}, "data": {"call_id": "c1", "channel": "stereo"} }`, '{ "timestamp": ')]],
    ['timestamp not the first key', [`{"event":"media","timestamp":1,"media":{"payload":"${PAYLOAD}"}}`, `{"event":"media","timestamp":2,"media":{"payload":"${PAYLOAD}"}}`]],
    ['extra keys and arrays (not PSR\'s layout)', [frame('1', `,"event":"media","media":{"payload":"${PAYLOAD}","x":[1,{"y":null}]},"2":true,"data":{"call_id":"c1"}}`), frame('3', `,"event":"media","media":{"payload":"${PAYLOAD}","x":[1,{"y":null}]},"2":true,"data":{"call_id":"c1"}}`)]],
    ['a __proto__ key', [frame('1', `,"event":"media","media":{"payload":"${PAYLOAD}"},"__proto__":{"x":1}}`), frame('2', `,"event":"media","media":{"payload":"${PAYLOAD}"},"__proto__":{"x":1}}`)]],
    ['then an event that is not media', [frame('1'), frame('2', `,"event":"closed","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c1","channel":"stereo"}}`)]],
    ['a timestamp longer than a double holds exactly', [frame('1'), frame('123456789012345678901234')]],
    ['a cut-off frame after a good one', [frame('1'), frame('2').slice(0, -2)]],
    ['digits only up to the payload key', [frame('1'), frame('2', `"event":"media","media":{"payload":"${PAYLOAD}"}}`)]],
  ];
  for (const [name, texts] of traps) it(name, () => void sequence(texts));

  it('the canonical layout and the docs\' spacing are both remembered', () => {
    expect(sequence([frame('1'), frame('2'), frame('300')])).toBe(2);
    const spaced = (ts: string) => frame(ts, ` , "event": "media", "media": {"payload":"${PAYLOAD}"}, "data": {"call_id": "c1", "channel": "stereo"} }`, '{ "timestamp": ');
    expect(sequence([spaced('1'), spaced('2')])).toBe(1);
  });

  it('a seeded fuzz of 300 sequences of mutated frames agrees with JSON.parse', () => {
    let seed = 777;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const tails = [
      `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c1","channel":"stereo"}}`,
      `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c1","channel":"mono_b"}}`,
      `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c1","channel":"stereo"},"timestamp":7}`,
      `e2,"event":"media","media":{"payload":"${PAYLOAD}"}}`,
      `.25,"event":"media","media":{"payload":"${PAYLOAD}"}}`,
      `,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"x\\"y","channel":"stereo"}}`,
      ` ,"event":"media","media":{"payload":"${PAYLOAD}"}}`,
    ];
    const digits = ['0', '00', '7', '1700000000000', '1700000000020', '99999999999999999', '-3', '01'];
    let hits = 0;
    for (let s = 0; s < 300; s++) {
      const texts: string[] = [];
      for (let i = 0, n = 2 + rnd(6); i < n; i++) texts.push(frame(digits[rnd(digits.length)]!, tails[rnd(3) === 0 ? rnd(tails.length) : 0]));
      hits += sequence(texts);
    }
    // The fuzz reaches the memo often, not only the ordinary path.
    expect(hits).toBeGreaterThan(100);
  });
});
