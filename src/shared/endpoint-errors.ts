// Error codes of the embedded bot endpoint (issue 3). A code never changes meaning.
// FRAME_* codes describe bad input from PSR's side: each is logged, counted in the call's stats
// and skipped; none of them ends a call (FRAME_TOO_LARGE above the hard limit closes that one
// socket with 1009, as WebSocket requires).

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
  // frames from PSR (logged, counted, skipped)
  FRAME_NOT_JSON: 'A text frame was not JSON',
  FRAME_BAD_SHAPE: 'A JSON frame was not an object with a string "event"',
  FRAME_BINARY: 'A binary frame arrived (PSR sends JSON text)',
  FRAME_UNKNOWN_EVENT: 'An event other than connected, media or closed',
  FRAME_NO_PAYLOAD: 'A media frame without a string media.payload',
  FRAME_BAD_BASE64: 'A media payload that is not valid base64',
  FRAME_PARTIAL_SAMPLE: 'A media payload that is not a whole number of sample frames (the rest is carried over)',
  FRAME_TOO_LARGE: 'A frame larger than the limit',
  FRAME_MEDIA_BEFORE_CONNECTED: 'A media frame arrived before connected (recorded anyway)',
  FRAME_DUPLICATE_CONNECTED: 'A second connected event',
  FRAME_AFTER_CLOSED: 'A frame arrived after closed (ignored)',
  FRAME_BAD_CHANNEL: 'data.channel is not stereo, mono_a or mono_b',
  FRAME_CHANNEL_CHANGED: 'data.channel changed during the call',
  FRAME_CALL_ID_MISMATCH: 'data.call_id differs from the call_id of the connection',
  CALL_DROPPED: 'The socket closed without a closed event',
  CALL_NO_CALL_ID: 'The connection had no call_id query parameter',
  RECORDING_FAILED: 'Writing the recording failed',
  // tap mode
  UPSTREAM_CONNECT_FAILED: 'The upstream bot could not be reached',
  UPSTREAM_CLOSED: 'The upstream bot closed its connection',
  UPSTREAM_QUEUE_FULL: 'Too many frames waited for the upstream bot; some were dropped',
  BOT_AUDIO_UNDECODABLE: 'Audio sent by the bot could not be decoded for metering',
} as const;

export type EndpointErrorCode = keyof typeof endpointErrorCodes;
