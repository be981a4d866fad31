// The Node-accelerated payload scratch decodes by exactly the portable base64 rule.
import { describe, expect, it } from 'vitest';
import { NodePayloadScratch } from '../../../src/main/psr-stream/node-scratch';
import { PayloadScratch, readPsrFrame } from '../../../src/shared/psr-stream';
import { psrFrames } from './frame-table';

describe('NodePayloadScratch', () => {
  it('accepts and refuses exactly what the portable rule does (fuzz, 100k strings)', () => {
    const alphabet = 'AQw+/=-_ ĀŁŷÁ9\n\t.'; // Ł and ŷ: low bytes 'A' and 'w'
    const node = new NodePayloadScratch(8);
    const portable = new PayloadScratch(8);
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let k = 0; k < 100_000; k++) {
      let s = '';
      for (let j = rnd(14); j > 0; j--) s += alphabet[rnd(alphabet.length)];
      const a = portable.decode(s);
      const b = node.decode(s);
      expect(b === null, JSON.stringify(s)).toBe(a === null);
      if (a && b) expect(Array.from(b)).toEqual(Array.from(a));
    }
  });

  it('reads every PSR frame of the table as the portable scratch does', () => {
    for (const row of psrFrames) {
      const a = readPsrFrame(row.frame, row.binary ?? false, { scratch: new PayloadScratch() });
      const b = readPsrFrame(row.frame, row.binary ?? false, { scratch: new NodePayloadScratch() });
      expect(b.type, row.name).toBe(a.type);
      if (a.type === 'bad' && b.type === 'bad') expect(b.code, row.name).toBe(a.code);
      if (a.type === 'media' && b.type === 'media') expect(Array.from(b.audio)).toEqual(Array.from(a.audio));
    }
  });

  it('reuses one view while payloads keep their size', () => {
    const s = new NodePayloadScratch();
    const v1 = s.decode('AAAAAAAA');
    const v2 = s.decode('AQIDBAUG');
    expect(v2).toBe(v1);
    expect(Array.from(v2!)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
