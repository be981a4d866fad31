// Error codes of the embedded bot endpoint. A code never changes meaning. Bad frames (FRAME_*)
// are the stream's own codes (src/shared/psr-stream/errors.ts): logged, counted, skipped; only
// FRAME_TOO_LARGE above the hard limit closes that one socket with 1009, as WebSocket requires.

export const endpointErrorCodes = {
  // server / settings
  ENDPOINT_PORT_IN_USE: 'The endpoint port is already in use by another program',
  ENDPOINT_LISTEN_FAILED: 'The endpoint could not listen on the host and port',
  ENDPOINT_NOT_RUNNING: 'The endpoint is not running',
  ENDPOINT_TLS_INVALID: 'The TLS certificate or key could not be read or do not match',
  ENDPOINT_CALL_NOT_FOUND: 'No active endpoint call with that id',
  ENDPOINT_CALL_NOT_READY: 'The call is not connected (closed or not yet open)',
  ENDPOINT_FILE_NOT_FOUND: 'The audio file could not be read',
  ENDPOINT_FILE_TOO_LARGE: 'The audio file is larger than the limit',
  ENDPOINT_AUDIO_UNSUPPORTED: 'The audio file is neither a PCM WAV nor an MP3',
  ENDPOINT_BAD_UPSTREAM_URL: 'The upstream bot URL is not a ws:// or wss:// URL',
  // frames from PSR: see streamErrorCodes in psr-stream/errors.ts
  CALL_DROPPED: 'The socket closed without a closed event',
  CALL_NO_CALL_ID: 'The connection had no call_id query parameter',
  RECORDING_FAILED: 'Writing the recording failed',
  ACTION_BACKLOG_FULL: 'PSR is not reading what the endpoint sends; the action was not sent',
  // tap mode
  UPSTREAM_CONNECT_FAILED: 'The upstream bot could not be reached',
  UPSTREAM_CLOSED: 'The upstream bot closed its connection',
  UPSTREAM_QUEUE_FULL: 'Too many frames waited for the upstream bot; some were dropped',
} as const;

export type EndpointErrorCode = keyof typeof endpointErrorCodes;
