// Dates, times, numbers and sizes in the UI language, for every screen: en → en-US, vi → vi-VN.
// Components never call toFixed()/toLocaleString() for what they show; they call these, so a
// Vietnamese screen reads "4.020 khung · 80,4 giây" and "10:08:08 30/11/2026" throughout.
import i18n from './index';

const intlLocales: Record<string, string> = { en: 'en-US', vi: 'vi-VN' };

/** The Intl locale of a UI language (the current one by default). */
export function intlLocale(language: string = i18n.language): string {
  return intlLocales[language] ?? intlLocales[language.split('-')[0] ?? ''] ?? 'en-US';
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(digits: number, minDigits: number): Intl.NumberFormat {
  const key = `n|${intlLocale()}|${digits}|${minDigits}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits, minimumFractionDigits: minDigits })));
  return f;
}

function dateFormat(kind: 'dateTime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `d|${intlLocale()}|${kind}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { year: 'numeric', month: '2-digit', day: '2-digit' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
          : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };
    cache.set(key, (f = new Intl.DateTimeFormat(intlLocale(), options)));
  }
  return f;
}

type When = number | string | Date;
const toDate = (w: When) => (w instanceof Date ? w : new Date(w));

/** A number with at most `digits` decimals (exactly `digits` when `fixed`), grouped: 4,020.5 / 4.020,5. */
export function formatNumber(n: number, digits = 0, fixed = false): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(digits, fixed ? digits : 0).format(n);
}

/** Seconds from milliseconds, one decimal always shown ("80.4" / "80,4"); the unit is the caller's text. */
export function formatSeconds(ms: number, digits = 1): string {
  return formatNumber(ms / 1000, digits, true);
}

/** Date and time of day: 11/30/2026, 10:08:08 AM / 10:08:08 30/11/2026. */
export function formatDateTime(when: When): string {
  return dateFormat('dateTime').format(toDate(when));
}

export function formatDate(when: When): string {
  return dateFormat('date').format(toDate(when));
}

/** Time of day: 10:08:08 AM / 10:08:08. */
export function formatTime(when: When): string {
  return dateFormat('time').format(toDate(when));
}

/** Byte sizes in B / KB / MB (binary steps), numbers in the UI language. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${formatNumber(n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 1, true)} KB`;
  return `${formatNumber(n / 1024 / 1024, 1, true)} MB`;
}

/** m:ss for call durations (no separators to localise), "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** 24-hour time with milliseconds for logs: 10:08:08.123 / 10:08:08,123. */
export function formatClock(when: When): string {
  const locale = intlLocale();
  let f = clockFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23' });
    clockFormats.set(locale, f);
  }
  return f.format(toDate(when));
}

/** ISO text for <time dateTime>. */
export function isoTime(when: When): string {
  return toDate(when).toISOString();
}
