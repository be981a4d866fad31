import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/api/event-bus';
import { pointsAtEndpoint, watchConnection } from '../../../src/main/psr/connection-watch';
import type { PsrConnection } from '../../../src/shared/contract/psr';

const started = (callId: string) => ({ callId, source: 'endpoint' as const, startedAt: Date.now(), tenant: null, query: {}, channel: null, legs: [], recordingPath: null });

describe('connection watch', () => {
  it('says "not-connected" after the watch time, then "connected" when the call arrives late', async () => {
    const events = new EventBus();
    const seen: PsrConnection[] = [];
    const w = watchConnection('c-1', 'ws://127.0.0.1:9/x', 'endpoint', { events, now: Date.now, notConnectedMs: 250 });
    expect(w.initial.state).toBe('waiting');
    await new Promise<void>((resolve) => w.onChange((c) => (seen.push(c), c.state === 'not-connected' && resolve())));
    events.emit('call:started', started('other'));
    events.emit('call:started', started('c-1'));
    expect(seen.map((c) => c.state)).toEqual(['not-connected', 'connected']);
  });

  it('reports the simulator\'s failure with its words, once', async () => {
    const events = new EventBus();
    const call = { state: 'ringing', reason: null as string | null, framesSent: 0, log: [{ text: 'ringing' }] };
    const w = watchConnection('c-2', 'wss://127.0.0.1:9/x', 'simulator', { events, now: Date.now, simulatorCall: () => call });
    const done = new Promise<PsrConnection>((resolve) => w.onChange(resolve));
    Object.assign(call, { state: 'failed', reason: 'ws-connect-failed', log: [{ text: 'SIM_WS_CONNECT_FAILED: self-signed certificate' }] });
    expect(await done).toMatchObject({ state: 'failed', detail: 'SIM_WS_CONNECT_FAILED: self-signed certificate' });
  });

  it('recognises the endpoint by host, port and path', () => {
    const urls = ['ws://127.0.0.1:8000/server/ws', null];
    expect(pointsAtEndpoint('ws://localhost:8000/server/ws', urls)).toBe(true);
    expect(pointsAtEndpoint('ws://127.0.0.1:8000/', urls)).toBe(true);
    expect(pointsAtEndpoint('ws://127.0.0.1:8001/server/ws', urls)).toBe(false);
    expect(pointsAtEndpoint('ws://127.0.0.1:8000/other', urls)).toBe(false);
    expect(pointsAtEndpoint('not a url', urls)).toBe(false);
  });
});
