// Stable error codes of the create-stream domain (client, WAV tools, history, recordings).
// The renderer translates them by code (locales psr.json "errors.<CODE>"); the English text here is the fallback.

export const psrErrorCodes = {
  PSR_INVALID_REQUEST: 'The request breaks a validation rule (the message names the field)',
  PSR_NO_TOKEN: 'The profile has no token',
  PSR_DNS: 'The PSR host name could not be resolved',
  PSR_CONNECTION_REFUSED: 'Nothing accepts connections at the PSR address',
  PSR_TLS: 'The TLS connection failed (the certificate problem is named)',
  PSR_TIMEOUT: 'PSR did not connect, answer or finish the answer in time',
  PSR_NETWORK: 'The connection failed for another network reason',
  PSR_PROXY: 'The HTTPS proxy refused or failed the connection',
  PSR_HTTP_401: 'PSR rejected the token (401)',
  PSR_HTTP_403: 'PSR refused access with this token (403)',
  PSR_HTTP_4XX: 'PSR rejected the request (4xx); body shown verbatim',
  PSR_HTTP_5XX: 'PSR failed (5xx); body shown verbatim',
  PSR_NOT_OK: 'HTTP 200, but the JSON code is not OK',
  PSR_BAD_JSON: 'The response body is not JSON',
  PSR_BAD_RESPONSE: 'The JSON response lacks the documented fields',
  PSR_ABORTED: 'The request was cancelled',
  PSR_CA_FILE: 'The trusted CA file could not be read',
  PSR_UPLOAD_NOT_FOUND: 'No uploaded audio file with that id',
  PSR_RECORDING_NOT_READY: 'The recording is not ready yet (404 while the call runs)',
  PSR_RECORDING_FOREIGN_HOST: 'The recording URL is not on the profile host; the token is not sent elsewhere',
  PSR_RECORDING_FAILED: 'The recording could not be downloaded',
  PSR_HISTORY_NOT_FOUND: 'No history entry with that id',
  WAV_NOT_WAV: 'The file is not a WAV (RIFF/WAVE) file',
  WAV_CORRUPT: 'The WAV file is damaged or truncated',
  // WAV_UNSUPPORTED_FORMAT is shared with the audio decoder: see audioErrorCodes in ../simulator-errors.ts
  WAV_EMPTY: 'The WAV file has no audio',
  WAV_TOO_LARGE: 'The WAV file is too large',
} as const;

export type PsrErrorCode = keyof typeof psrErrorCodes;
