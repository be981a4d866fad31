// Stable error codes, in one place. Each domain appends its own block.
// A code never changes meaning; messages name the field and what was expected.
import type { ErrorCode } from './error-catalog';

export { errorCodes } from './base-errors';

/** Every code of the catalogue. */
export type KnownErrorCode = ErrorCode;

/** Values for the renderer's wording of a code (the English `message` stays for logs and the CLI). */
export type ErrorParams = Record<string, string | number>;

/** An error that crosses the contract as {code, message, field, params}. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, message: string, field?: string, params?: ErrorParams) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.params = params;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppError');
}
