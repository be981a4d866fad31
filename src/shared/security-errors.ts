// Error codes of the web bridge, damaged data files, audio size limits and token handling.
// A code never changes meaning; messages name the field and what was expected.
export const securityErrorCodes = {
  BRIDGE_MESSAGE_TOO_LARGE: 'A request to the console service is larger than the web bridge accepts',
  BRIDGE_BAD_MESSAGE: 'The web bridge received a message that is not valid UTF-8 JSON',
  DATA_FILE_RESET: 'A damaged data file was kept as a backup and its part started from defaults',
  AUDIO_TOO_LARGE: 'The audio would decode to more samples than the limit',
  TOKEN_COPY_UNAVAILABLE: 'Copying a command with the token is only offered by the desktop app',
} as const;

/** Largest message the web bridge accepts, in bytes (the request as UTF-8 JSON). */
export const BRIDGE_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
