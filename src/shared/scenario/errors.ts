// Error codes of bot tests (scenario files, the runner). A code never changes meaning.
export const botTestErrorCodes = {
  SCENARIO_INVALID: 'The scenario file does not match the scenario format',
  SCENARIO_SYNTAX: 'The scenario file is not valid YAML or JSON',
  SCENARIO_FILE_NOT_FOUND: 'A file named by the scenario could not be read',
  SCENARIO_AUDIO_INVALID: 'An audio file named by the scenario is not a PCM WAV',
  TTS_UNAVAILABLE: 'espeak-ng is not installed, so a say step with text cannot be spoken',
  BOT_UNREACHABLE: 'The bot could not be reached (the WebSocket did not open)',
  BOT_TEST_NOT_FOUND: 'No such bot-test run or scenario',
  BOT_TEST_BUSY: 'A bot-test run is already running',
  CALL_NOT_TESTABLE: 'The call has no recording with the caller’s leg, so no test can be made from it',
} as const;
export type BotTestErrorCode = keyof typeof botTestErrorCodes;
