// Words what the main process reports as a code with parameters, in the UI language:
//  - errors: ApiError {code, message, field, params} → errors:<CODE> with {{params}}, {{field}}, {{message}};
//  - call log lines: msg {code, params} → log:<code> (e.g. log:socket.opened, log:FRAME_BINARY);
//  - end reasons (closed, hangup, dropped, ws-connect-failed…) → log:reason.<reason>.
// Unknown codes fall back to the English text main sent (message / summary), so a newer main
// process never shows a blank. Numbers in params are formatted for the UI language.
import i18n from './index';
import { formatNumber } from './format';

export type MessageParams = Record<string, string | number | boolean | null | undefined>;

/** Parameters ready for interpolation: numbers grouped and with the UI language's decimal mark. */
export function localParams(params: MessageParams = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) out[k] = '—';
    else if (typeof v === 'number') out[k] = Number.isInteger(v) && /id|port|year/i.test(k) ? String(v) : formatNumber(v, 1);
    else if (k === 'reason' && typeof v === 'string') out[k] = describeEndReason(v);
    else out[k] = String(v);
  }
  return out;
}

/** A coded error from main, worded in the UI language; the English `message` when the code is unknown. */
export function describeError(e: { code: string; message: string; field?: string; params?: MessageParams }): string {
  const key = `errors:${e.code}`;
  if (!i18n.exists(key)) return e.message;
  const fieldPart = e.field ? i18n.t('errors:fieldPart', { field: e.field }) : '';
  return i18n.t(key, { ...localParams(e.params), message: e.message, field: e.field ?? '', fieldPart });
}

export interface CodedLogLine {
  summary: string;
  code?: string;
  msg?: { code: string; params: MessageParams };
}

/** One call log line in the UI language: its message code, else its error code, else the English summary. */
export function describeLogLine(line: CodedLogLine): string {
  const code = line.msg?.code ?? line.code;
  // Main's summary is the English wording of the same code (files and the CLI read it too).
  if (!code || (i18n.resolvedLanguage === 'en' && line.summary)) return line.summary;
  const key = `log:${code}`;
  if (!i18n.exists(key)) return line.summary;
  const text = i18n.t(key, { ...localParams(line.msg?.params), summary: line.summary });
  // A parameter this wording needs but the line lacks: the English summary says it better than a hole.
  return text.includes('{{') ? line.summary : text;
}

/** Why a call ended, in the UI language (the raw reason when it is not a known one). */
export function describeEndReason(reason: string | null | undefined): string {
  if (!reason) return '—';
  const key = `log:reason.${reason}`;
  return i18n.exists(key) ? i18n.t(key) : reason;
}
