// The reader's media shortcut (parse the frame without its payload, take the payload as a slice)
// must read every frame exactly as the ordinary JSON.parse path does: hand-picked traps, then a
// seeded fuzz of frames built from pieces that could fool a text search.
import { describe, expect, it } from 'vitest';
import { elidePayloadAt, elidePayloadInText, readPsrFrame } from '../../../src/shared/psr-stream';
import { readPsrFrameSlowly } from '../../../src/shared/psr-stream/reader';

const PAYLOAD = Buffer.from(Array.from({ length: 480 }, (_, i) => (i * 37) & 0xff)).toString('base64');

let shortcutsTaken = 0;

function same(text: string): void {
  const fast = readPsrFrame(text, false) as unknown as Record<string, unknown>;
  const slow = readPsrFrameSlowly(text, false) as unknown as Record<string, unknown>;
  expect(fast.type, text.slice(0, 120)).toBe(slow.type);
  expect(fast.code, text.slice(0, 120)).toBe(slow.code);
  expect(fast.message, text.slice(0, 120)).toEqual(slow.message);
  if (fast.type === 'media') {
    if ((fast.payloadStart as number) >= 0) shortcutsTaken++;
    expect(fast.payload).toBe(slow.payload);
    expect(Array.from(fast.audio as Uint8Array)).toEqual(Array.from(slow.audio as Uint8Array));
    expect(fast.channel).toBe(slow.channel);
    expect(fast.timestamp).toBe(slow.timestamp);
  }
}

describe('media shortcut reads frames exactly as JSON.parse does', () => {
  const traps: Array<[string, string]> = [
    ['an ordinary PSR frame', `{"timestamp":1,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c","channel":"stereo"}}`],
    ['payload key first in data, then in media', `{"event":"media","data":{"payload":"${PAYLOAD}"},"media":{"payload":""}}`],
    ['payload key inside another key', `{"event":"media","media":{"x\\"payload":"${PAYLOAD}","payload":"AAAA"}}`],
    ['duplicate payload keys (JSON.parse keeps the last)', `{"event":"media","media":{"payload":"${PAYLOAD}","payload":"AAAA"}}`],
    ['duplicate media objects', `{"event":"media","media":{"payload":"${PAYLOAD}"},"media":{"x":1}}`],
    ['escaped slash in the payload', `{"event":"media","media":{"payload":"${PAYLOAD.replace(/\//g, '\\/')}"}}`],
    ['a unicode escape in the payload', `{"event":"media","media":{"payload":"\\u0041${PAYLOAD.slice(1)}"}}`],
    ['a raw newline inside the payload string (not JSON)', `{"event":"media","media":{"payload":"${PAYLOAD.slice(0, 40)}\n${PAYLOAD.slice(40)}"}}`],
    ['a raw tab inside the payload string (not JSON)', `{"event":"media","media":{"payload":"${PAYLOAD.slice(0, 40)}\t${PAYLOAD.slice(44)}"}}`],
    ['event is not media', `{"event":"connected","media":{"payload":"${PAYLOAD}"}}`],
    ['event given twice, last wins', `{"event":"media","media":{"payload":"${PAYLOAD}"},"event":"closed"}`],
    ['payload not base64', `{"event":"media","media":{"payload":"${'*'.repeat(200)}"}}`],
    ['URL-safe base64 is not PSR base64', `{"event":"media","media":{"payload":"${PAYLOAD.replace(/\+/g, '-')}"}}`],
    ['broken JSON after the payload', `{"event":"media","media":{"payload":"${PAYLOAD}"},}`],
    ['broken JSON before the payload', `{"event":"media",,"media":{"payload":"${PAYLOAD}"}}`],
    ['payload at the top level', `{"event":"media","payload":"${PAYLOAD}"}`],
    ['media is an array', `{"event":"media","media":[{"payload":"${PAYLOAD}"}]}`],
    ['unterminated payload string', `{"event":"media","media":{"payload":"${PAYLOAD}`],
    ['spaces around the colon', `{"event":"media","media":{"payload" : "${PAYLOAD}"}}`],
    ['the whole frame is an array', `[{"event":"media","media":{"payload":"${PAYLOAD}"}}]`],
  ];
  for (const [name, text] of traps) it(name, () => same(text));

  it('a seeded fuzz of 3,000 frames built from tricky pieces agrees with JSON.parse', () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pieces = [
      () => `"payload":"${PAYLOAD.slice(0, 64 + 4 * rnd(75))}"`,
      () => `"media":{"payload":"${PAYLOAD.slice(0, 64 + 4 * rnd(75))}"}`,
      () => `"event":"media"`,
      () => `"event":"${['connected', 'closed', 'mark'][rnd(3)]}"`,
      () => `"data":{"call_id":"c${rnd(9)}","channel":"${['stereo', 'mono_a', 'mono_b', 'x'][rnd(4)]}"}`,
      () => `"timestamp":${rnd(1e9)}`,
      () => `"note":"a\\"payload\\":\\"${PAYLOAD.slice(0, 80)}"`,
      () => `"media":{"payload":"${PAYLOAD.slice(0, 70)}\\/${PAYLOAD.slice(70, 140)}"}`,
      () => `"x":[1,{"payload":"${PAYLOAD.slice(0, 90)}"}]`,
    ];
    const before = shortcutsTaken;
    for (let i = 0; i < 3000; i++) {
      const n = 1 + rnd(4);
      const fields = Array.from({ length: n }, () => pieces[rnd(pieces.length)]!());
      let text = `{${fields.join(',')}}`;
      if (rnd(20) === 0) text = text.slice(0, rnd(text.length)); // cut short
      if (rnd(25) === 0) text = text.replace('"payload":"', '"payload":"\u0001');
      same(text);
    }
    // The fuzz reaches the shortcut often, not only the ordinary path.
    expect(shortcutsTaken - before).toBeGreaterThan(30);
  });

  it('the log line elides the payload in place, the same with and without the known position', () => {
    const text = `{"timestamp":5,"event":"media","media":{"payload":"${PAYLOAD}"},"data":{"call_id":"c","channel":"stereo"}}`;
    const f = readPsrFrame(text, false);
    expect(f.type).toBe('media');
    if (f.type !== 'media') return;
    expect(f.payloadStart).toBeGreaterThan(0);
    expect(elidePayloadAt(f.text, f.payloadStart, f.payloadEnd, f.audio.length)).toBe(elidePayloadInText(f.text, f.payload, f.audio.length));
    expect(elidePayloadAt(f.text, f.payloadStart, f.payloadEnd, f.audio.length)).toBe(
      '{"timestamp":5,"event":"media","media":{"payload":"<480 bytes base64>"},"data":{"call_id":"c","channel":"stereo"}}',
    );
  });
});
