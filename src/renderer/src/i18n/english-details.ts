// Error codes whose only detail is the English text main sent (no parameters to word it with yet, or
// text from outside the console). The renderer shows it after the translated headline; in Vietnamese
// it is framed as "details from the service, in English: “…”", never passed off as a translation.
// Every other code is worded from its parameters (errors:detail.<CODE>) or by its headline alone.
// The catalogue test checks this list: each entry must say why its detail stays English.
export const englishDetailCodes: Readonly<Record<string, string>> = {
  INTERNAL: 'an unexpected failure: its text is whatever the failing code said',
  CALL_IMPORT_INVALID: 'names the first schema problem of a foreign bundle file',
  ENDPOINT_TLS_INVALID: 'quotes the OpenSSL error for the certificate or key',
  ENDPOINT_BAD_UPSTREAM_URL: 'quotes the URL parser',
  RECORDING_FAILED: 'quotes the operating system error for the recording file',
  UPSTREAM_CONNECT_FAILED: 'quotes the WebSocket error of the upstream bot',
  UPSTREAM_CLOSED: 'quotes the close reason the upstream bot sent',
  SIM_FIELD_MISSING: 'an answer of the simulator HTTP API (clients read it in English)',
  SIM_FIELD_INVALID: 'an answer of the simulator HTTP API (clients read it in English)',
  SIM_BODY_TOO_LARGE: 'an answer of the simulator HTTP API (clients read it in English)',
  SIM_BAD_MULTIPART: 'an answer of the simulator HTTP API (clients read it in English)',
  SIM_UNAUTHORIZED: 'an answer of the simulator HTTP API (clients read it in English)',
  SIM_NOT_FOUND: 'an answer of the simulator HTTP API (clients read it in English)',
  SIM_RECORDING_NOT_READY: 'an answer of the simulator HTTP API (clients read it in English)',
  SIM_WS_CONNECT_FAILED: 'quotes the WebSocket error of the bot',
  DATA_FILE_RESET: 'names the damaged file and where it was set aside',
  CAMPAIGN_BAD_SCENARIO: 'quotes the scenario checker (campaign domain)',
  CAMPAIGN_BAD_CUSTOMERS: 'quotes the customers file checker (campaign domain)',
  SCENARIO_INVALID: 'quotes the scenario schema checker',
  SCENARIO_SYNTAX: 'quotes the YAML/JSON parser',
  SCENARIO_FILE_NOT_FOUND: 'quotes the operating system error for the file',
  SCENARIO_AUDIO_INVALID: 'quotes the WAV reader for a scenario file',
  TTS_UNAVAILABLE: 'quotes the espeak-ng failure',
  BOT_UNREACHABLE: 'quotes the WebSocket error of the bot',
  BOT_TEST_NOT_FOUND: 'names the missing test file',
};
