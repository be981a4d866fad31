// Error codes of the simulator domain and of the shared audio decoders (src/main/audio/{wav,mp3}.ts).
// A file that is not a WAV at all is WAV_NOT_WAV (psr/errors.ts), whichever code reads it.
// A code never changes meaning; messages name the field and what was expected.

export const audioErrorCodes = {
  WAV_NO_FMT: 'The WAV file has no fmt chunk',
  WAV_NO_DATA: 'The WAV file has no data chunk',
  WAV_UNSUPPORTED_FORMAT: 'The WAV encoding is not PCM (8/16/24/32-bit integer or 32/64-bit float)',
  WAV_TRUNCATED: 'The WAV file ends inside a chunk header',
  MP3_DECODE_FAILED: 'The MP3 data could not be decoded',
} as const;

export const simulatorErrorCodes = {
  // HTTP API (same shapes as PSR: 400 {code, message} naming the field)
  SIM_FIELD_MISSING: 'A required form field is missing',
  SIM_FIELD_INVALID: 'A form field has a value outside what PSR accepts',
  SIM_BODY_TOO_LARGE: 'The request body or the audio file is larger than the limit',
  SIM_BAD_MULTIPART: 'The body is not multipart/form-data',
  SIM_UNAUTHORIZED: 'Missing or wrong Authorization header',
  SIM_NOT_FOUND: 'No such resource',
  SIM_RECORDING_NOT_READY: 'The call is still running; its recording is not finished',
  SIM_WS_CONNECT_FAILED: 'The simulator could not open the WebSocket to the bot',
  SIM_NOT_RUNNING: 'The simulator is not running',
  SIM_PORT_IN_USE: 'The simulator port is already in use',
  SIM_CALL_NOT_FOUND: 'No simulator call with that id',
  SIM_DEMO_UNAVAILABLE: 'The demo call needs the embedded endpoint, which is not available',
  SIM_DEMO_TAP_MODE: 'The endpoint relays calls to an upstream bot, so the demo bot cannot answer',
  DEMO_PROMPTS_MISSING: 'The bundled demo prompts were not found',
} as const;
