// The redactor removes any run of 12 or more consecutive characters of a token (a token missing its
// first characters, cut at the end, split around a separator), not only the whole token; and redacts a
// binary body byte for byte.
import { describe, expect, it } from 'vitest';
import { redactBody } from '../../../src/main/psr/recordings';
import { MIN_SECRET_RUN, REDACTED, redactSecrets } from '../../../src/shared/redact';

const TOKEN = 'tokXy9Q7ZpLmN3vR8sK2wD5fH1jG4aB6';

describe('runs of a token', () => {
  it('removes the token missing its first one or two characters, its last, or any 12 characters of it', () => {
    expect(MIN_SECRET_RUN).toBe(12);
    for (const piece of [TOKEN.slice(1), TOKEN.slice(2), TOKEN.slice(0, -1), TOKEN.slice(2, -2), TOKEN.slice(0, 12), TOKEN.slice(-12), TOKEN.slice(7, 19)]) {
      const out = redactSecrets(`error for ${piece} rest`, [TOKEN]);
      expect(out, piece).toBe(`error for ${REDACTED} rest`);
    }
  });

  it('removes every piece of 12 or more of a split token and leaves shorter ones (innocent text could hold them)', () => {
    const split = `tok=${TOKEN.slice(0, 10)}-${TOKEN.slice(10)}`;
    expect(redactSecrets(split, [TOKEN])).toBe(`tok=${TOKEN.slice(0, 10)}-${REDACTED}`);
    expect(redactSecrets(`a ${TOKEN.slice(3, 14)} b`, [TOKEN])).toBe(`a ${TOKEN.slice(3, 14)} b`);
  });

  it('takes the whole run, glued to other text, wherever it starts in the token', () => {
    for (let start = 0; start + 12 <= TOKEN.length; start++) {
      const piece = TOKEN.slice(start, start + 12 + (start % 5));
      expect(redactSecrets(`[${piece}]`, [TOKEN]), piece).toBe(`[${REDACTED}]`);
    }
  });
});

describe('binary bodies', () => {
  it('replaces the token in a recording with the UTF-8 marker and keeps every other byte', () => {
    const bin = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const unicode = 'tökén-ünïcødé-секрет-42';
    const body = Buffer.concat([bin, Buffer.from(`Bearer ${TOKEN}`), bin, Buffer.from(unicode), bin, Buffer.from(TOKEN.slice(2))]);
    const out = redactBody(body, [TOKEN, unicode]);
    const marker = Buffer.from(REDACTED);
    expect(out.equals(Buffer.concat([bin, Buffer.from('Bearer '), marker, bin, marker, bin, marker]))).toBe(true);
    expect(redactBody(bin, [TOKEN])).toBe(bin);
  });
});
