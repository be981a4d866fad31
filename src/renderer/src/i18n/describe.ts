// Words what the main process reports as a code with parameters, in the UI language:
//  - errors: ApiError {code, message, field, params} → errors:<CODE> (the headline) followed by
//    errors:detail.<CODE> worded from params (`context` picks a variant, e.g. detail.PSR_TIMEOUT_connect).
//    Codes whose detail is only main's English text (english-details.ts) show it framed as English;
//  - call log lines: msg {code, params} → log:<code> (e.g. log:socket.opened, log:FRAME_BINARY);
//  - end reasons (closed, hangup, dropped, ws-connect-failed…) → log:reason.<reason>.
// Unknown codes fall back to the English text main sent (message / summary), so a newer main
// process never shows a blank. Numbers in params are formatted for the UI language.
import i18n from './index';
import { englishDetailCodes } from './english-details';
import { formatNumber } from './format';

export type MessageParams = Record<string, string | number | boolean | null | undefined>;

/**
 * Parameters ready for interpolation: numbers grouped and with the UI language's decimal mark; an
 * OS/TLS `cause` code in words (errors:cause.<CODE>, else the code itself); a request `rule` as the
 * create-stream form words it; an end `reason` in words. `context` is passed through unchanged.
 */
export function localParams(params: MessageParams = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) out[k] = '—';
    else if (k === 'context') out[k] = String(v);
    else if (typeof v === 'number') out[k] = Number.isInteger(v) && /id|port|year|status|format|code/i.test(k) ? String(v) : formatNumber(v, 1);
    else if (k === 'reason' && typeof v === 'string') out[k] = describeEndReason(v);
    else if (k === 'origin' && typeof v === 'string') out[k] = describeOrigin(v);
    else if (k === 'cause' && i18n.exists(`errors:cause.${v}`)) out[k] = i18n.t(`errors:cause.${v}`);
    else if (k === 'rule' && i18n.exists(`psr:rules.${v}`)) out[k] = i18n.t(`psr:rules.${v}`, { ...params, defaultValue: String(v) }).replace(/\.$/, '');
    else out[k] = String(v);
  }
  return out;
}

const endsSentence = (s: string) => /[.!?)…]$/.test(s);

/** A coded error from main, worded in the UI language; the English `message` when the code is unknown. */
export function describeError(e: { code: string; message: string; field?: string; params?: MessageParams }): string {
  const key = `errors:${e.code}`;
  if (!i18n.exists(key)) return e.message;
  const fieldPart = e.field ? i18n.t('errors:fieldPart', { field: e.field }) : '';
  const params = { ...localParams(e.params), field: e.field ?? '', fieldPart };
  const headline = i18n.t(key, params);
  const detail = describeErrorDetail(e);
  const text = detail ? `${headline}: ${detail}` : headline;
  return endsSentence(text) ? text : `${text}.`;
}

/**
 * The detail after an error's headline: in English main's own message (it names the field and what
 * was expected, as the CLI and logs say it); in another language the detail worded from the params,
 * or main's English framed as such for the codes listed in english-details.ts; '' when the headline
 * says it all.
 */
export function describeErrorDetail(e: { code: string; message: string; field?: string; params?: MessageParams }): string {
  const worded = i18n.exists(`errors:detail.${e.code}`);
  const english = Object.hasOwn(englishDetailCodes, e.code);
  if (!e.message && !e.params) return '';
  if (i18n.resolvedLanguage === 'en') return worded || english || !i18n.exists(`errors:${e.code}`) ? e.message : '';
  if (worded && e.params) {
    const text = i18n.t(`errors:detail.${e.code}`, { ...localParams(e.params), field: e.field ?? '' });
    // A parameter this wording needs but the error lacks: say less rather than show a hole.
    if (!text.includes('{{')) return text;
  }
  if ((english || (worded && !e.params)) && e.message) return i18n.t('errors:englishDetail', { message: e.message });
  return '';
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
  const params = line.msg?.params ?? {};
  const text = i18n.t(key, { ...localParams(params), summary: line.summary, context: logContext(code, params) });
  // A parameter this wording needs but the line lacks: the English summary says it better than a hole.
  return text.includes('{{') ? line.summary : text;
}

/**
 * The wording variant of a log line: an action sent is worded by its kind and by what its params
 * name (a file, a demo prompt, a conversion), e.g. log:action.sent_media_file_converted.
 */
function logContext(code: string, p: MessageParams): string | undefined {
  if (code === 'sim.media') return p.isSync === true ? 'queued' : p.isSync === false ? 'now' : undefined;
  if (code !== 'action.sent' || typeof p.kind !== 'string' || p.bytes === undefined && p.extension === undefined && p.kind !== 'hangup') return undefined;
  if (p.prompt !== undefined) return `${p.kind}_prompt`;
  if (p.file !== undefined) return `${p.kind}_file${p.converted ? '_converted' : ''}`;
  return p.kind;
}

/** An action sent to PSR (timeline, waveform) in the UI language, from its log message; its English detail otherwise. */
export function describeAction(a: { detail: string; msg?: { code: string; params: MessageParams } | undefined }): string {
  return a.msg ? describeLogLine({ summary: a.detail, msg: a.msg }) : a.detail;
}

/** Who sent an action or wrote a note: the console, the greeting, a built-in bot (bot:<name>). */
export function describeOrigin(origin: string): string {
  const key = `log:origin.${origin.replace(/:(\w)/, (_, c: string) => c.toUpperCase())}`; // bot:demo → botDemo
  if (i18n.exists(key)) return i18n.t(key);
  if (origin.startsWith('bot:')) return i18n.t('log:origin.namedBot', { name: origin.slice(4) });
  return origin;
}

/** A bot-test step's message (code + params from main) in the UI language; main's English when unknown. */
export function describeStepMessage(step: { message: string; msg?: { code: string; params: MessageParams } | undefined }): string {
  const m = step.msg;
  // Main's message is the English wording of the same code (the CLI and reports print it).
  if (!m || i18n.resolvedLanguage === 'en' || !i18n.exists(`tests:step.${m.code}`)) return step.message;
  const p = localParams(m.params);
  let context: string | undefined;
  if (m.code === 'transfer_none' && m.params.expected !== undefined) context = 'to';
  if (m.code === 'query_mismatch' && m.params.actual === undefined) context = 'missing';
  if ((m.code === 'exp_conformance' || m.code === 'not_conforming') && i18n.exists(`tests:rule.${String(m.params.rule)}`)) p.rule = i18n.t(`tests:rule.${String(m.params.rule)}`);
  if (m.code === 'ended_while') {
    const wait = String(m.params.wait ?? '');
    const how = String(m.params.how ?? '');
    p.wait = i18n.t(`tests:wait.${i18n.exists(`tests:wait.${wait}`) ? wait : 'other'}`, { ...p, wait });
    p.how = i18n.t(`tests:how.${i18n.exists(`tests:how.${how}`) ? how : 'other'}`, { ...p, reason: describeEndReason(how) });
  }
  const text = i18n.t(`tests:step.${m.code}`, { ...p, context });
  return text.includes('{{') ? step.message : text;
}

/** Why a call ended, in the UI language (the raw reason when it is not a known one). */
export function describeEndReason(reason: string | null | undefined): string {
  if (!reason) return '—';
  const key = `log:reason.${reason}`;
  return i18n.exists(key) ? i18n.t(key) : reason;
}
