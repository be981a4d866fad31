// Errors from the main process arrive as {code, message, field, params}. The code picks a translated
// sentence (errors namespace) filled with the params; codes without a translation show the service's
// English message as is (see i18n/describe.ts).
import { ApiError } from './api/client';
import { describeError } from './i18n/describe';

export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  return describeError(e);
}
