// The bridge's own limits: every request whose id is usable gets an answer (an error naming the field
// when the frame is not a request); at most MAX_BRIDGE_CLIENTS sockets are open at once, more are
// closed with a reason; a listen request cannot pin a long call id in the event bus.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../../src/main/api/dispatcher';
import { MAX_CALL_ID_CHARS, MAX_CALLS_PER_CLIENT, subscribeCall } from '../../../src/main/api/event-bus';
import { BRIDGE_CLOSE_TOO_MANY, MAX_BRIDGE_CLIENTS } from '../../../src/main/web/bridge-server';
import { SECRET, startTestBridge } from './web-helpers';

let t: Awaited<ReturnType<typeof startTestBridge>> | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await t?.stop();
  t = undefined;
});

const handlers = {
  'live:listen': ({ callId, on }, c) => (subscribeCall(c.client, callId, on, () => {}), { ok: true }),
} as Partial<Handlers>;

/** Opens a bridge socket: resolves once it is open, with a promise of its close code and reason. */
function open(port: number): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, ['psr-console', `secret.${SECRET}`], { origin: `http://127.0.0.1:${port}` });
    sockets.push(ws);
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

/** Sends frames, then a request with `lastId` (an unknown call unless given: its answer is an error); resolves with every reply up to and including its own, in order. */
function repliesUntil(ws: WebSocket, frames: string[], lastId: number, last: { call: string; args?: unknown } = { call: 'no:such' }): Promise<{ id: number; result: { ok: boolean; error?: { code: string; field?: string; message: string } } }[]> {
  return new Promise((resolve) => {
    const got: { id: number; result: { ok: boolean } }[] = [];
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(String(d)) as (typeof got)[number];
      got.push(m);
      if (m.id !== lastId) return;
      ws.off('message', onMessage);
      resolve(got as never);
    };
    ws.on('message', onMessage);
    for (const f of frames) ws.send(f);
    ws.send(JSON.stringify({ id: lastId, ...last }));
  });
}

describe('bridge requests', () => {
  it('answers every frame whose id is usable, naming the field, and nothing else', async () => {
    t = await startTestBridge({ handlers });
    const { ws } = await open(t.server.port);
    const replies = await repliesUntil(
      ws,
      [
        // No usable id: nothing to answer to (and the socket stays usable).
        'not json',
        '[]',
        'null',
        '{"id":-1,"call":"no:such"}',
        '{"id":1.5,"call":"no:such"}',
        '{"id":"1","call":"no:such"}',
        '{"call":"no:such"}',
        // A usable id: each gets an error result.
        JSON.stringify({ id: 1, call: 'x'.repeat(101) }),
        JSON.stringify({ id: 2, call: 42 }),
        JSON.stringify({ id: 3 }),
        JSON.stringify({ id: 4, call: null, args: {} }),
      ],
      9,
    );
    expect(replies.map((r) => r.id)).toEqual([1, 2, 3, 4, 9]);
    expect(replies[0]!.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL', field: 'call' } });
    expect(replies[0]!.result.error!.message).toBe("bridge request: field 'call': expected the name of a call (at most 100 characters), got a string of 101 characters");
    expect(replies[1]!.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'call' } });
    expect(replies[1]!.result.error!.message).toMatch(/^bridge request: field 'call': expected the name of a call .*, got a number$/);
    expect(replies[2]!.result.error!.message).toMatch(/field 'call': expected .*, got nothing/);
    expect(replies[3]!.result.error!.message).toMatch(/got null$/);
    expect(replies[4]!.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('refuses a listen request with a call id longer than the contract allows, and keeps nothing for it', async () => {
    t = await startTestBridge({ handlers });
    const { ws } = await open(t.server.port);
    const listen = (id: number, callId: string) => repliesUntil(ws, [], id, { call: 'live:listen', args: { callId, on: true } }).then((r) => r[r.length - 1]!.result);
    const long = await listen(1, 'x'.repeat(100_000));
    expect(long).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'callId' } });
    expect(long.error!.message).toBe(`live:listen: field 'callId': expected a call id of at most ${MAX_CALL_ID_CHARS} characters, got a longer string`);
    // Ids up to the limit subscribe, up to the per-client limit: the long one took no place.
    for (let i = 0; i < MAX_CALLS_PER_CLIENT; i++) expect(await listen(10 + i, String(i).padEnd(MAX_CALL_ID_CHARS, 'y'))).toEqual({ ok: true, value: { ok: true } });
    expect(await listen(99, 'one-more')).toMatchObject({ ok: false, error: { code: 'CALL_LISTEN_LIMIT' } });
  });
});

describe('bridge sockets', () => {
  it(`accepts at most ${MAX_BRIDGE_CLIENTS} sockets and closes more with 1013 and a reason`, async () => {
    t = await startTestBridge({ handlers });
    const port = t.server.port;
    const open32 = await Promise.all(Array.from({ length: MAX_BRIDGE_CLIENTS }, () => open(port)));
    const extra = await open(port);
    // Closed by the server, not answered: an accepted socket would answer the request.
    const outcome = await Promise.race([extra.closed, repliesUntil(extra.ws, [], 1).then(() => 'answered')]);
    expect(outcome).toEqual({ code: BRIDGE_CLOSE_TOO_MANY, reason: `too many console tabs open (at most ${MAX_BRIDGE_CLIENTS}); close one and reload` });
    // The sockets already open still work.
    const replies = await repliesUntil(open32[0]!.ws, [], 1);
    expect(replies).toMatchObject([{ id: 1, result: { ok: false, error: { code: 'UNKNOWN_CALL' } } }]);
    // A closed tab frees its place: the next socket (once the server has seen the close) is accepted.
    open32[1]!.ws.close();
    await open32[1]!.closed;
    let admitted = false;
    for (let attempt = 0; attempt < 50 && !admitted; attempt++) {
      const next = await open(port);
      const seen = await Promise.race([next.closed.then(() => 'closed'), repliesUntil(next.ws, [], 1).then(() => 'answered')]);
      admitted = seen === 'answered';
    }
    expect(admitted).toBe(true);
  });
});
