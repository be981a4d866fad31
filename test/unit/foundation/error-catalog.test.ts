// One catalogue of stable error codes: no code is defined twice with two meanings.
import { describe, expect, it } from 'vitest';
import { callsErrorCodes } from '../../../src/shared/calls-errors';
import { endpointErrorCodes } from '../../../src/shared/endpoint-errors';
import { allErrorCodes } from '../../../src/shared/error-catalog';
import { errorCodes } from '../../../src/shared/errors';
import { psrErrorCodes } from '../../../src/shared/psr/errors';
import { streamErrorCodes } from '../../../src/shared/psr-stream/errors';
import { securityErrorCodes } from '../../../src/shared/security-errors';
import { audioErrorCodes, simulatorErrorCodes } from '../../../src/shared/simulator-errors';

describe('error catalogue', () => {
  it('has each code once, in SCREAMING_SNAKE_CASE, with a description', () => {
    const lists = [errorCodes, endpointErrorCodes, streamErrorCodes, psrErrorCodes, audioErrorCodes, simulatorErrorCodes, callsErrorCodes, securityErrorCodes];
    const seen = new Map<string, number>();
    for (const list of lists) for (const code of Object.keys(list)) seen.set(code, (seen.get(code) ?? 0) + 1);
    const dup = [...seen].filter(([, n]) => n > 1).map(([c]) => c);
    expect(dup).toEqual([]);
    for (const [code, text] of Object.entries(allErrorCodes)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(String(text).length).toBeGreaterThan(10);
    }
    expect(Object.keys(allErrorCodes).length).toBe(seen.size);
  });
});
