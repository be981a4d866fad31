// Stable error codes, in one place. Each domain appends its own block.
// A code never changes meaning; messages name the field and what was expected.

export const errorCodes = {
  // contract / transport
  INVALID_ARGUMENT: 'An argument did not match the contract',
  UNKNOWN_CALL: 'No such call in the contract',
  INTERNAL: 'Unexpected failure inside the console',
  FORBIDDEN_SENDER: 'The call came from a frame that is not ours',
  // settings / profiles
  PROFILE_NOT_FOUND: 'No profile with that id',
  PROFILE_BUILTIN: 'The built-in profile cannot be deleted',
  SETTINGS_CORRUPT: 'The settings file could not be read and was backed up',
  SECRET_STORAGE_UNAVAILABLE: 'The OS cannot encrypt secrets right now',
} as const;

export type KnownErrorCode = keyof typeof errorCodes;

/** Values for the renderer's wording of a code (the English `message` stays for logs and the CLI). */
export type ErrorParams = Record<string, string | number>;

/** An error that crosses the contract as {code, message, field, params}. */
export class AppError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly params: ErrorParams | undefined;
  constructor(code: string, message: string, field?: string, params?: ErrorParams) {
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
