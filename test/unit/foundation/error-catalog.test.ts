// One catalogue of stable error codes: no code is defined twice with two meanings.
import { describe, expect, it } from 'vitest';
import { allErrorCodes, errorCodeLists } from '../../../src/shared/error-catalog';

describe('error catalogue', () => {
  it('has each code once, in SCREAMING_SNAKE_CASE, with a description', () => {
    const lists: readonly Record<string, string>[] = errorCodeLists;
    const seen = new Map<string, number>();
    for (const list of lists) for (const code of Object.keys(list)) seen.set(code, (seen.get(code) ?? 0) + 1);
    const dup = [...seen].filter(([, n]) => n > 1).map(([c]) => c);
    expect(dup).toEqual([]);
    for (const [code, text] of Object.entries(allErrorCodes)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(String(text).length).toBeGreaterThan(10);
    }
    expect(Object.keys(allErrorCodes).length).toBe(seen.size);
  });
});
