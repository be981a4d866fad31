// Error codes of the calls domain (live view, call library, export/import, replay).
export const callsErrorCodes = {
  CALL_ID_INVALID: 'A call id with characters that cannot be part of a file name',
  CALL_NOT_FOUND: 'No call with that id in memory or in the recordings folder',
  CALL_RECORDING_NOT_FOUND: 'The call has no recording with that id',
  CALL_NOT_REPLAYABLE: 'The call has no recorded live events to replay',
  CALL_IMPORT_INVALID: 'The file is not a call exported by PSR Console',
  CALL_IMPORT_LIMIT: 'A free-form part of the imported file (meta, request, response) nests too deeply or is too large',
  CALL_IS_LIVE: 'The call is still running',
  REPLAY_NOT_FOUND: 'No running replay with that id',
  CALL_LOG_ENTRY_NOT_FOUND: 'The call log has no entry with that number',
  CALL_IMPORT_EXISTS: 'An imported copy of that call already exists',
  CALL_LISTEN_LIMIT: 'Listening to too many calls at once',
  CALL_META_UNREADABLE: "A stored call's meta file is empty or not a meta file; the call is shown from its other files",
} as const;
