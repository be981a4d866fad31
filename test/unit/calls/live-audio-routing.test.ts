// Live audio crosses as bytes and only to whoever listens to that call: the bus's per-call
// subscriptions, the binary frame codec, and the web bridge with two real clients and a real call
// through the embedded endpoint (all on port 0).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, MAX_CALLS_PER_CLIENT } from '../../../src/main/api/event-bus';
import { silentLogger } from '../../../src/main/logger';
import { startBridgeServer, type BridgeServer } from '../../../src/main/web/bridge-server';
import { BRIDGE_PROTOCOL } from '../../../src/main/web/security';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { decodeAudioEvent, encodeAudioEvent, type CallAudio } from '../../../src/shared/contract/live';
import { bytesOf, interleave, psrClient, sine } from '../endpoint/helpers';

const audio = (callId: string, pcm = new Uint8Array([1, 2, 3, 4])): CallAudio => ({ callId, legs: ['A', 'B'], sampleRate: 8000, t: 20, pcm });

describe('per-call subscriptions on the bus', () => {
  it('sends call audio only to clients listening to that call, and tells producers when interest starts and ends', () => {
    const bus = new EventBus();
    const got = { a: [] as string[], b: [] as string[], service: [] as string[] };
    const a = bus.client((n, p) => got.a.push(`${n}:${(p as { callId?: string }).callId}`));
    const b = bus.client((n, p) => got.b.push(`${n}:${(p as { callId?: string }).callId}`));
    bus.subscribe((n, p) => got.service.push(`${n}:${(p as { callId?: string }).callId}`));
    const interest: string[] = [];
    bus.onInterest((id, on) => interest.push(`${id}:${on}`));

    expect(a.listen('c1', true)).toBe(true);
    expect(b.listen('c1', true)).toBe(true);
    expect(b.listen('c2', true)).toBe(true);
    bus.emit('call:audio', audio('c1'));
    bus.emit('call:audio', audio('c2'));
    bus.emit('calls:changed', { reason: 'x' });
    expect(got.a).toEqual(['call:audio:c1', 'calls:changed:undefined']);
    expect(got.b).toEqual(['call:audio:c1', 'call:audio:c2', 'calls:changed:undefined']);
    expect(got.service).toEqual(['call:audio:c1', 'call:audio:c2', 'calls:changed:undefined']);

    a.listen('c1', false);
    expect(bus.isSubscribed('c1')).toBe(true); // b still listens
    b.close();
    expect(bus.isSubscribed('c1')).toBe(false);
    expect(interest).toEqual(['c1:true', 'c2:true', 'c1:false', 'c2:false']);
    bus.emit('call:audio', audio('c1'));
    expect(got.a).toHaveLength(2);
  });

  it('bounds the calls one client listens to', () => {
    const c = new EventBus().client(() => {});
    for (let i = 0; i < MAX_CALLS_PER_CLIENT; i++) expect(c.listen(`c${i}`, true)).toBe(true);
    expect(c.listen('one-more', true)).toBe(false);
    expect(c.calls.size).toBe(MAX_CALLS_PER_CLIENT);
  });
});

describe('binary call audio frames', () => {
  it('round-trips the bytes and the metadata, and rejects damaged frames', () => {
    const pcm = new Uint8Array(640).map((_, i) => i & 255);
    const frame = encodeAudioEvent(audio('call-9', pcm));
    expect(frame.byteLength).toBeLessThan(640 + 120); // bytes, not base64 (which alone would be 856)
    const back = decodeAudioEvent(frame)!;
    expect(back).toMatchObject({ callId: 'call-9', legs: ['A', 'B'], sampleRate: 8000, t: 20 });
    expect(Buffer.from(back.pcm).equals(Buffer.from(pcm))).toBe(true);
    expect(decodeAudioEvent(new Uint8Array([1, 2]))).toBeNull();
    expect(decodeAudioEvent(frame.subarray(0, 10))).toBeNull();
    const other = new Uint8Array(frame);
    other.set(new TextEncoder().encode('{"event":"call:levl'), 4);
    expect(decodeAudioEvent(other)).toBeNull();
  });
});

describe('web bridge', () => {
  let dir: string;
  let services: ReturnType<typeof createNodeAppServices>;
  let bridge: BridgeServer;
  const secret = 'bridge-test-secret-0123456789';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-bridge-'));
    fs.mkdirSync(path.join(dir, 'renderer'));
    services = createNodeAppServices({ dataDir: dir, recordingsDir: path.join(dir, 'rec'), logger: silentLogger });
    bridge = await startBridgeServer({ rendererDir: path.join(dir, 'renderer'), dispatcher: services.dispatcher, events: services.events, logger: silentLogger, secret });
  });
  afterAll(async () => {
    await bridge.close();
    await services.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A bridge client as the web page is one (secret presented on the handshake, our Origin); records text events and binary audio. */
  async function bridgeClient() {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge`, [BRIDGE_PROTOCOL, `secret.${secret}`], { headers: { Origin: bridge.origin } });
    const events: string[] = [];
    const audioFrames: CallAudio[] = [];
    const results = new Map<number, (r: unknown) => void>();
    let id = 0;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        const a = decodeAudioEvent(new Uint8Array(data));
        if (a) audioFrames.push(a);
        return;
      }
      const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown; event?: string };
      if (msg.id !== undefined) results.get(msg.id)?.(msg.result);
      else if (msg.event) events.push(msg.event);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const call = (name: string, args: unknown) =>
      new Promise<{ ok: boolean; value?: unknown }>((resolve) => {
        const n = ++id;
        results.set(n, resolve as (r: unknown) => void);
        ws.send(JSON.stringify({ id: n, call: name, args }));
      });
    return { ws, events, audioFrames, call };
  }

  it('pushes a live call’s audio as binary frames to the client that listens, and to no other', async () => {
    const listener = await bridgeClient();
    const other = await bridgeClient();
    const started = await listener.call('endpoint:start', { port: 0 });
    expect(started.ok).toBe(true);
    const url = (started.value as { localUrl: string }).localUrl;
    const psr = await psrClient(url, { call_id: 'bridge-1', tenant: 't' });
    await psr.connected('stereo');
    const tone = bytesOf(interleave(sine(440, 1), sine(660, 1)));
    await psr.media(tone.subarray(0, 640), 'stereo');
    expect((await listener.call('live:listen', { callId: 'bridge-1', on: true })).ok).toBe(true);
    for (let i = 1; i < 50; i++) await psr.media(tone.subarray(i * 640, (i + 1) * 640), 'stereo');
    // The audio the listener gets is the call's audio from the moment it listened, byte for byte.
    await new Promise<void>((resolve) => {
      const check = (): void => {
        const bytes = listener.audioFrames.reduce((n, f) => n + f.pcm.byteLength, 0);
        if (bytes >= 49 * 640) resolve();
        else listener.ws.once('message', check);
      };
      check();
    });
    const heard = Buffer.concat(listener.audioFrames.map((f) => Buffer.from(f.pcm)));
    expect(heard.equals(Buffer.from(tone.subarray(640, 50 * 640)))).toBe(true);
    expect(listener.audioFrames.every((f) => f.callId === 'bridge-1')).toBe(true);
    await psr.closed();
    await new Promise<void>((resolve) => {
      const check = (): void => (other.events.includes('call:ended') ? resolve() : void other.ws.once('message', check));
      check();
    });
    expect(other.events).toContain('call:started');
    expect(other.audioFrames).toEqual([]);
    listener.ws.close();
    other.ws.close();
    await services.dispatcher.dispatch('endpoint:stop', {});
  });
});
