import { describe, expect, it } from 'vitest';
import { dateOrder, datePattern, formatIsoDate, readDateEntry } from '../../../src/renderer/src/i18n/date-entry';

const letters = { day: 'dd', month: 'mm', year: 'yyyy' };

describe('dates typed in the UI language', () => {
  it('orders day, month and year as the language writes a date', () => {
    expect(dateOrder('en')).toEqual(['month', 'day', 'year']);
    expect(dateOrder('vi')).toEqual(['day', 'month', 'year']);
    expect(datePattern(letters, 'en')).toBe('mm/dd/yyyy');
    expect(datePattern(letters, 'vi')).toBe('dd/mm/yyyy');
  });

  it('reads the same text by each language’s order', () => {
    expect(readDateEntry('03/04/2026', 'en')).toEqual({ kind: 'date', iso: '2026-03-04' });
    expect(readDateEntry('03/04/2026', 'vi')).toEqual({ kind: 'date', iso: '2026-04-03' });
    expect(readDateEntry(' 30.11.2026 ', 'vi')).toEqual({ kind: 'date', iso: '2026-11-30' });
    expect(readDateEntry('1/2/2026', 'vi')).toEqual({ kind: 'date', iso: '2026-02-01' });
  });

  it('takes ISO in either language, and empty text as no bound', () => {
    expect(readDateEntry('2026-11-30', 'en')).toEqual({ kind: 'date', iso: '2026-11-30' });
    expect(readDateEntry('2026-11-30', 'vi')).toEqual({ kind: 'date', iso: '2026-11-30' });
    expect(readDateEntry('   ', 'vi')).toEqual({ kind: 'empty' });
  });

  it('refuses what is not a calendar date instead of guessing', () => {
    for (const [text, lang] of [
      ['30/11/2026', 'en'], // month 30
      ['31/02/2026', 'vi'], // no 31 February
      ['29/02/2026', 'vi'], // 2026 is not a leap year
      ['1/2/26', 'vi'], // a two-digit year
      ['2026-13-01', 'en'],
      ['0001-01-01', 'en'],
      ['11/30', 'en'],
      ['hôm qua', 'vi'],
      ['11/30/2026/1', 'en'],
    ] as const) {
      expect(readDateEntry(text, lang), `${text} (${lang})`).toEqual({ kind: 'invalid' });
    }
    expect(readDateEntry('29/02/2028', 'vi')).toEqual({ kind: 'date', iso: '2028-02-29' });
  });

  it('writes a stored date back in the language’s format, and reads it back unchanged', () => {
    expect(formatIsoDate('2026-03-04', 'en')).toBe('03/04/2026');
    expect(formatIsoDate('2026-03-04', 'vi')).toBe('04/03/2026');
    expect(formatIsoDate('', 'vi')).toBe('');
    for (const lang of ['en', 'vi']) {
      for (const iso of ['2026-01-31', '2026-12-01', '1999-07-04']) expect(readDateEntry(formatIsoDate(iso, lang), lang)).toEqual({ kind: 'date', iso });
    }
  });
});
