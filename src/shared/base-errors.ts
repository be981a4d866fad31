// The console's own error codes (contract, transport, settings, profiles). Each domain keeps its
// list next to its code; src/shared/error-catalog.ts gathers them all.

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
