// One text frame from a bridge client read as a request `{id, call, args}`. A frame with a usable id
// (a whole number of 0 or more) is always answered: a request to dispatch, or an error result naming
// the field. Only a frame without a usable id (not JSON, not an object, a bad id) goes unanswered:
// there is nothing the client could match a reply to.
import type { ApiErrorShape } from '../../shared/contract';

/** The longest call name the bridge looks up (every contract call name is far shorter). */
export const MAX_CALL_NAME_CHARS = 100;

export type BridgeFrame =
  | { kind: 'request'; id: number; call: string; args: unknown }
  | { kind: 'refused'; id: number; error: ApiErrorShape }
  | { kind: 'unusable'; reason: string };

export function readBridgeFrame(text: string): BridgeFrame {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { kind: 'unusable', reason: 'not JSON' };
  }
  if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) return { kind: 'unusable', reason: 'not a JSON object' };
  const { id, call, args } = frame as { id?: unknown; call?: unknown; args?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return { kind: 'unusable', reason: 'no id (a whole number of 0 or more)' };
  if (typeof call !== 'string') {
    const got = call === undefined ? 'nothing (the field is missing)' : call === null ? 'null' : Array.isArray(call) ? 'a list' : `a ${typeof call}`;
    return {
      kind: 'refused',
      id,
      error: {
        code: 'INVALID_ARGUMENT',
        message: `bridge request: field 'call': expected the name of a call (a string such as "app:info"), got ${got}`,
        field: 'call',
        params: { context: 'type', expected: 'string' },
      },
    };
  }
  if (call.length > MAX_CALL_NAME_CHARS) {
    return {
      kind: 'refused',
      id,
      error: {
        code: 'UNKNOWN_CALL',
        message: `bridge request: field 'call': expected the name of a call (at most ${MAX_CALL_NAME_CHARS} characters), got a string of ${call.length} characters`,
        field: 'call',
      },
    };
  }
  return { kind: 'request', id, call, args };
}
