// Every stable error code has an English and a Vietnamese sentence for the UI.
import { describe, expect, it } from 'vitest';
import en from '../../../src/renderer/src/i18n/locales/en/errors.json';
import vi from '../../../src/renderer/src/i18n/locales/vi/errors.json';
import { allErrorCodes } from '../../../src/shared/error-catalog';

describe('error translations', () => {
  it('covers every code in both languages', () => {
    const codes = Object.keys(allErrorCodes);
    expect(codes.filter((c) => !(c in en))).toEqual([]);
    expect(codes.filter((c) => !(c in vi))).toEqual([]);
    for (const c of codes) expect((vi as Record<string, unknown>)[c], c).not.toBe((en as Record<string, unknown>)[c]);
  });
});
