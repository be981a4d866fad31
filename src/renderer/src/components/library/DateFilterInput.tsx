// A date bound of the library's filters, typed in the console's language (see i18n/date-entry.ts).
// The filter changes when the text is a date or empty; anything else is marked invalid with the
// expected pattern and leaves the filter as it was.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { datePattern, formatIsoDate, readDateEntry } from '../../i18n/date-entry';

export function DateFilterInput({ label, value, onChange }: { label: string; value: string; onChange: (iso: string) => void }) {
  const { t, i18n } = useTranslation('library');
  const lang = i18n.language;
  const [text, setText] = useState(() => formatIsoDate(value, lang));
  const shownFor = useRef({ value, lang });
  const hintId = useId();

  // A change from outside (filters cleared) or of language: show the value in the language's format.
  useEffect(() => {
    const was = shownFor.current;
    shownFor.current = { value, lang };
    if (was.lang !== lang) return setText(formatIsoDate(value, lang));
    if (was.value === value) return;
    setText((cur) => {
      const e = readDateEntry(cur, lang);
      return (e.kind === 'date' ? e.iso : '') === value ? cur : formatIsoDate(value, lang);
    });
  }, [value, lang]);

  const entry = readDateEntry(text, lang);
  const pattern = datePattern({ day: t('filter.dateLetters.day'), month: t('filter.dateLetters.month'), year: t('filter.dateLetters.year') }, lang);
  const invalid = entry.kind === 'invalid';
  const type = (s: string) => {
    setText(s);
    const e = readDateEntry(s, lang);
    if (e.kind === 'invalid') return;
    const iso = e.kind === 'date' ? e.iso : '';
    shownFor.current = { value: iso, lang };
    if (iso !== value) onChange(iso);
  };
  return (
    <span className="date-filter">
      <label>
        {label}{' '}
        <input
          type="text"
          className="date"
          size={10}
          value={text}
          placeholder={pattern}
          aria-invalid={invalid}
          aria-describedby={invalid ? hintId : undefined}
          onChange={(e) => type(e.target.value)}
        />
      </label>
      {invalid && (
        <span id={hintId} className="field-error" role="alert">
          {t('filter.dateExpected', { pattern })}
        </span>
      )}
    </span>
  );
}
