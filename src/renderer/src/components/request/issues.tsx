// Messages beside a field: rule errors (block sending) and warnings (do not), in the user's language.
import { useTranslation } from 'react-i18next';
import type { PsrField, PsrIssue } from '../../../../shared/psr/request';
import { describeError, describeErrorDetail } from '../../i18n/describe';
import { describeJsonProblem } from '../../i18n/json-problem';

export function useIssueText(): (i: PsrIssue) => string {
  const { t } = useTranslation('psr');
  return (i) => t(`rules.${i.code}`, { ...(i.params ?? {}), ...(i.code === 'PARAMETER_SYNTAX' ? { detail: describeJsonProblem(i.params ?? {}) } : {}), defaultValue: i.message });
}

export function FieldIssues(props: { id: string; field: PsrField; errors: PsrIssue[]; warnings: PsrIssue[] }) {
  const text = useIssueText();
  const errors = props.errors.filter((e) => e.field === props.field);
  const warnings = props.warnings.filter((w) => w.field === props.field);
  if (!errors.length && !warnings.length) return null;
  return (
    <div id={props.id} className="request-issues">
      {errors.map((e) => (
        <p key={e.code} className="field-error" data-code={e.code}>
          {text(e)}
        </p>
      ))}
      {warnings.map((w) => (
        <p key={w.code} className="field-warning" data-code={w.code}>
          ⚠ {text(w)}
        </p>
      ))}
    </div>
  );
}

/** A coded failure (ApiError or a history entry's error), translated, with the main process's detail. */
export function useErrorText(): (code: string, message: string, params?: Record<string, string | number>) => { headline: string; detail: string } {
  const { t, i18n } = useTranslation('psr');
  return (code, message, params = {}) => {
    const headline = t(`errors.${code}`, { ...params, defaultValue: '' });
    const detail = headline ? describeErrorDetail({ code, message, params }) : '';
    // The detail stands on its own line under the headline: a sentence of its own (main's English
    // message starts with the field's name, so it stays as written).
    const sentence = !detail || i18n.resolvedLanguage === 'en' ? detail : `${detail.charAt(0).toUpperCase()}${detail.slice(1)}${/[.!?)…”]$/.test(detail) ? '' : '.'}`;
    return { headline: headline || describeError({ code, message, params }), detail: sentence };
  };
}
