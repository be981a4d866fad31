// Numbers on the stage, in the UI language (Intl): whole milliseconds and seconds.
const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: string, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    cache.set(key, f);
  }
  return f;
}

/** "1,240" / "1.240": a latency rounded to the millisecond, as the live view rounds it. */
export function formatMs(lang: string, ms: number): string {
  return nf(lang, 0).format(Math.round(ms));
}

export function formatSeconds(lang: string, s: number, digits = 0): string {
  return nf(lang, digits).format(s);
}
