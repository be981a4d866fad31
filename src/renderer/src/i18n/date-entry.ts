// Dates the user types, in the UI language's order (en: 11/30/2026, vi: 30/11/2026), read back as
// yyyy-mm-dd. A native date field follows the browser's locale rather than the console's language,
// so date filters are text fields in the console's own format. ISO (2026-11-30) is accepted too.
import { intlLocale } from './format';

export type DatePart = 'day' | 'month' | 'year';

export type DateEntry = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid' };

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language?: string): Intl.DateTimeFormat {
  const locale = intlLocale(language);
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
}

/** The order of day, month and year in the language's short date. */
export function dateOrder(language?: string): DatePart[] {
  return dateFormat(language)
    .formatToParts(new Date(2026, 10, 30))
    .map((p) => p.type)
    .filter((t): t is DatePart => t === 'day' || t === 'month' || t === 'year');
}

/** The pattern shown as the field's hint, from the language's letters: mm/dd/yyyy, dd/mm/yyyy. */
export function datePattern(letters: Record<DatePart, string>, language?: string): string {
  return dateOrder(language)
    .map((p) => letters[p])
    .join('/');
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** yyyy-mm-dd of a real local calendar date, or null (31/02, month 13, year outside 1000–9999). */
function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(year, month - 1, day);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** What the user typed: nothing, a date (in the language's order, or ISO), or not a date. */
export function readDateEntry(text: string, language?: string): DateEntry {
  const s = text.trim();
  if (s === '') return { kind: 'empty' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) {
    const v = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return v ? { kind: 'date', iso: v } : { kind: 'invalid' };
  }
  const m = /^(\d{1,4})\s*[/.-]\s*(\d{1,4})\s*[/.-]\s*(\d{1,4})$/.exec(s);
  if (!m) return { kind: 'invalid' };
  const parts: Record<DatePart, string> = { day: '', month: '', year: '' };
  dateOrder(language).forEach((p, i) => (parts[p] = m[i + 1]!));
  // Years are written in full: "1/2/26" is not guessed into a century.
  if (parts.year.length !== 4 || parts.day.length > 2 || parts.month.length > 2) return { kind: 'invalid' };
  const v = isoOf(Number(parts.year), Number(parts.month), Number(parts.day));
  return v ? { kind: 'date', iso: v } : { kind: 'invalid' };
}

/** A yyyy-mm-dd date as the language writes it ('' for ''). */
export function formatIsoDate(iso: string, language?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  return dateFormat(language).format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
