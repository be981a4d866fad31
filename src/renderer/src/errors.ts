// Errors from the main process arrive as {code, message, field}. The code picks a translated
// sentence (errors namespace); codes without a translation show the service's message as is.
import i18n from './i18n';
import { ApiError } from './api/client';

export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  const key = `errors:${e.code}`;
  if (!i18n.exists(key)) return e.message;
  const fieldPart = e.field ? i18n.t('errors:fieldPart', { field: e.field }) : '';
  return i18n.t(key, { message: e.message, field: e.field ?? '', fieldPart });
}
