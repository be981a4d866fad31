// Where a JSON text goes wrong, in the UI language: what the checker expected there and what it
// found (src/shared/psr/json-check.ts gives both as keys; its English message is the fallback).
import i18n from './index';

export function describeJsonProblem(p: { expected?: unknown; found?: unknown; detail?: unknown }): string {
  const key = `psr:json.expected.${String(p.expected)}`;
  if (typeof p.expected !== 'string' || !i18n.exists(key)) return String(p.detail ?? '');
  const expected = i18n.t(key);
  if (p.found === undefined) return i18n.t('psr:json.only', { expected });
  return p.found === '' || p.found === null ? i18n.t('psr:json.atEnd', { expected }) : i18n.t('psr:json.found', { expected, found: String(p.found) });
}
