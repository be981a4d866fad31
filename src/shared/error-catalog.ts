// Every stable error code of the console, in one list (README and tests read it from here).
// Each domain keeps its codes next to its code; this file only gathers them.
import { callsErrorCodes } from './calls-errors';
import { campaignErrorCodes } from './campaign-errors';
import { endpointErrorCodes } from './endpoint-errors';
import { errorCodes } from './errors';
import { psrErrorCodes } from './psr/errors';
import { streamErrorCodes } from './psr-stream/errors';
import { securityErrorCodes } from './security-errors';
import { botTestErrorCodes } from './scenario/errors';
import { audioErrorCodes, simulatorErrorCodes } from './simulator-errors';

export const allErrorCodes = {
  ...errorCodes,
  ...endpointErrorCodes,
  ...streamErrorCodes,
  ...psrErrorCodes,
  ...audioErrorCodes,
  ...simulatorErrorCodes,
  ...callsErrorCodes,
  ...securityErrorCodes,
  ...botTestErrorCodes,
  ...campaignErrorCodes,
} as const;

export type ErrorCode = keyof typeof allErrorCodes;
