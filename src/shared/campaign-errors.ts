// Error codes of the campaign domain (src/main/campaign). A code never changes meaning.

export const campaignErrorCodes = {
  CAMPAIGN_BAD_SCENARIO: 'The scenario file is missing, unreadable or not valid',
  CAMPAIGN_BAD_CUSTOMERS: 'The customers CSV is unreadable or malformed',
  CAMPAIGN_SETUP_FAILED: 'The WebSocket to the bot could not be opened',
  CAMPAIGN_SETUP_REJECTED: 'The bot refused the WebSocket upgrade (HTTP status)',
  CAMPAIGN_SETUP_TIMEOUT: 'The bot did not complete the WebSocket handshake in time',
  CAMPAIGN_BOT_DISCONNECTED: 'The bot closed or dropped the socket before the call ended',
  CAMPAIGN_STEP_FAILED: 'A scenario step failed (expected audio, reply or hangup did not come in time)',
  CAMPAIGN_CALL_TIMEOUT: 'The call ran longer than the scenario allows',
  CAMPAIGN_STOPPED: 'The campaign was stopped while the call was running',
  CAMPAIGN_ALREADY_RUNNING: 'A campaign is already running',
  CAMPAIGN_NOT_FOUND: 'No campaign with that id',
  CAMPAIGN_CALL_NOT_RUNNING: 'That campaign call is not running (it ended, or no campaign runs)',
} as const;
