// A media frame's log line built from its parts (the text before the payload escaped each time, the
// elision and the text after it escaped once per call) must be byte for byte the line built from the
// whole elided frame: frames whose text holds quotes, backslashes, non-ASCII, surrogate pairs and lone
// surrogates, with tails that change and stay, and payload sizes that change.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../../src/shared/call-log';
import { elidePayloadAt } from '../../../src/shared/psr-stream';
import { CallLogWriter } from '../../../src/main/endpoint/jsonl-writer';
import { tempDir } from './helpers';

const P = 'QUJD'.repeat(40);

function frame(head: string, tail: string): { text: string; start: number; end: number } {
  const text = `${head}${P}${tail}`;
  return { text, start: head.length, end: head.length + P.length };
}

describe('media log lines built in parts', () => {
  it('equal the lines built from the whole elided frame', async () => {
    const heads = [
      '{"timestamp":1,"event":"media","media":{"payload":"',
      '{ "timestamp": 17, "event":"media", "note":"say \\"hi\\" \\\\ ok", "media":{"payload":"',
      '{"event":"media","x":"Tiếng Việt – 😀","media":{"payload":"',
      '{"event":"media","x":"\\ud83d lone","media":{"payload":"',
      // A real lone surrogate in the text before the payload, and one in a tail below.
      '{"event":"media","x":"\ud83d","media":{"payload":"',
    ];
    const tails = ['"},"data":{"call_id":"c1","channel":"stereo"}}', '"},"data":{"call_id":"c\\"2","channel":"mono_a"}}', '"},"y":"\\u0001 ☎"}', '"}}', '"},"z":"\udc00"}'];
    const dir = tempDir();
    const whole = new CallLogWriter(path.join(dir, 'whole.events.jsonl'), null);
    const parts = new CallLogWriter(path.join(dir, 'parts.events.jsonl'), null);
    const expected: string[] = [];
    let i = 0;
    for (const t of tails) {
      for (let rep = 0; rep < 3; rep++) {
        for (const h of heads) {
          const { text, start, end } = frame(h, t);
          const bytes = rep === 2 ? 96 : 120;
          const code = i % 5 === 0 ? 'FRAME_PARTIAL_SAMPLE' : undefined;
          whole.media(1000 + i, text.length, bytes, bytes / 4, 'stereo', code, elidePayloadAt(text, start, end, bytes));
          parts.mediaAt(1000 + i, text.length, bytes, bytes / 4, 'stereo', code, text, start, end);
          expected.push(elidePayloadAt(text, start, end, bytes));
          i++;
        }
      }
    }
    await whole.close();
    await parts.close();
    const a = fs.readFileSync(path.join(dir, 'whole.events.jsonl'), 'utf8');
    const b = fs.readFileSync(path.join(dir, 'parts.events.jsonl'), 'utf8');
    expect(b).toBe(a);
    const lines = b.split('\n').filter(Boolean);
    expect(lines).toHaveLength(expected.length);
    expect(lines.map((l) => parseLogLine(l)?.json)).toEqual(expected);
  });
});
