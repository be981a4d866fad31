// Every stable error code of the console, in one list (README and tests read it from here).
// Each domain keeps its codes next to its code; this file only gathers them.
import { callsErrorCodes } from './calls-errors';
import { campaignErrorCodes } from './campaign-errors';
import { endpointErrorCodes } from './endpoint-errors';
import { errorCodes } from './base-errors';
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

/** The domain lists gathered above, for the check that no code is defined in two of them. */
export const errorCodeLists = [
  errorCodes,
  endpointErrorCodes,
  streamErrorCodes,
  psrErrorCodes,
  audioErrorCodes,
  simulatorErrorCodes,
  callsErrorCodes,
  securityErrorCodes,
  botTestErrorCodes,
  campaignErrorCodes,
] as const;

export type ErrorCode = keyof typeof allErrorCodes;

/** True for a code of the catalogue (e.g. one read back from a file or another process). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(allErrorCodes, code);
}
