// A client's call subscriptions are bounded in count and in size: a call id longer than any the
// contract allows is refused and nothing is kept for it, whoever calls the bus.
import { describe, expect, it } from 'vitest';
import { EventBus, MAX_CALL_ID_CHARS, subscribeCall } from '../../../src/main/api/event-bus';

describe('call ids on the bus', () => {
  it('refuses to subscribe to a call id longer than MAX_CALL_ID_CHARS and keeps nothing', () => {
    const bus = new EventBus();
    const c = bus.client(() => {});
    expect(c.listen('x'.repeat(MAX_CALL_ID_CHARS), true)).toBe(true);
    expect(c.listen('y'.repeat(MAX_CALL_ID_CHARS + 1), true)).toBe(false);
    expect([...c.calls].map((id) => id.length)).toEqual([MAX_CALL_ID_CHARS]);
    expect(bus.isSubscribed('y'.repeat(MAX_CALL_ID_CHARS + 1))).toBe(false);
  });

  it('answers a listen request with a too-long id with an error naming the field', () => {
    const c = new EventBus().client(() => {});
    expect(() => subscribeCall(c, 'z'.repeat(1_000_000), true, () => {})).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'callId', message: `field 'callId': expected a call id of at most ${MAX_CALL_ID_CHARS} characters, got 1000000 characters` }),
    );
    expect(c.calls.size).toBe(0);
  });
});
