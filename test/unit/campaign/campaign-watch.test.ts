// Watching one campaign call: the service forwards that call alone as a live call of source
// 'campaign' (started, levels on both legs, voice, the bot's actions, log, ended) while the others
// run unseen; watching another ends the first in the live view (it goes on unseen); a call that is
// not running cannot be watched. The audio of a watched call goes out only while someone listens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src/shared/contract';
import { isAppError } from '../../../src/shared/errors';
import { silentLogger } from '../../../src/main/logger';
import { CampaignService } from '../../../src/main/campaign/campaign-service';
import type { CampaignStatus } from '../../../src/shared/contract/campaign';
import { campaignSettingsSchema } from '../../../src/shared/campaign/settings';
import { startCampaignReplyBot, type ReplyBot } from '../../bots/campaign-reply-bot';
import { writeCampaignFixtures } from './fixtures';

const fx = writeCampaignFixtures({ turns: 2, customers: 4 });
let bot: ReplyBot;
beforeAll(async () => {
  bot = await startCampaignReplyBot({ delayMs: 200 });
});
afterAll(async () => {
  await bot.close();
  fs.rmSync(fx.dir, { recursive: true, force: true });
});

describe('watching a campaign call', () => {
  it('forwards exactly the watched call as a live call, then its end; switching ends the first in the live view', async () => {
    const events: { name: EventName; payload: Record<string, unknown> }[] = [];
    let firstLevels = 0;
    let firstSeen!: () => void;
    const firstShown = new Promise<void>((r) => (firstSeen = r));
    let listenedTo: string | null = null;
    let launched!: () => void;
    const running = new Promise<void>((r) => (launched = r));
    let finished!: (s: CampaignStatus) => void;
    const done = new Promise<CampaignStatus>((r) => (finished = r));
    const service = new CampaignService({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'psr-cmp-watch-')),
      logger: silentLogger,
      emit: {
        progress: (_id, _p, calls) => {
          if (calls.activeCalls.length === 4) launched();
        },
        changed: (s) => s.state !== 'running' && finished(s),
      },
      emitLive: (name, payload) => {
        events.push({ name, payload: payload as Record<string, unknown> });
        if (name === 'call:levels' && ++firstLevels === 10) firstSeen();
      },
      isListened: (callId) => callId === listenedTo,
    });
    const st = await service.start(campaignSettingsSchema.parse({ bot: bot.url, scenario: fx.scenario, customers: fx.customers, concurrency: 4, rampPerSec: 50, calls: 4 }));
    expect(st.state).toBe('running');
    await running;
    const status = service.status();
    expect(status.activeCalls).toHaveLength(4);
    const first = status.activeCalls[0]!;
    expect(service.watch(first.index)).toEqual({ callId: first.callId });
    await firstShown;
    const target = status.activeCalls[1]!;
    listenedTo = target.callId;
    expect(service.watch(target.index)).toEqual({ callId: target.callId });
    let err: unknown = null;
    try {
      service.watch(99);
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && err.code).toBe('CAMPAIGN_CALL_NOT_RUNNING');
    expect((await done).verdict).toBe('pass');

    const ids = new Set(events.map((e) => e.payload.callId));
    expect([...ids]).toEqual([first.callId, target.callId]);
    const firstEnd = events.findIndex((e) => e.name === 'call:ended');
    expect(events[firstEnd]!.payload).toMatchObject({ callId: first.callId, reason: 'campaign-unwatched' });
    // Nobody listened to the first watched call: none of its audio went out.
    expect(events.slice(0, firstEnd).some((e) => e.name === 'call:audio')).toBe(false);
    expect(events.slice(firstEnd + 1).every((e) => e.payload.callId === target.callId)).toBe(true);
    events.splice(0, firstEnd + 1);
    const started = events.find((e) => e.name === 'call:started')!.payload;
    expect(started).toMatchObject({ source: 'campaign', channel: 'stereo', legs: ['A', 'B'], recordingPath: null });
    expect((started.query as Record<string, string>).call_id).toBe(target.callId);
    const levels = events.filter((e) => e.name === 'call:levels');
    expect(levels.length).toBeGreaterThan(50);
    const legsHeard = new Set(levels.flatMap((e) => (e.payload.windows as { leg: string; speaking: boolean }[]).filter((w) => w.speaking).map((w) => w.leg)));
    expect([...legsHeard].sort()).toEqual(['A', 'B']);
    expect(events.some((e) => e.name === 'call:voice' && e.payload.leg === 'B' && e.payload.speaking === true)).toBe(true);
    expect(events.filter((e) => e.name === 'call:action' && e.payload.kind === 'media').length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.name === 'call:log')).toBe(true);
    // The bot's media lines carry the size of the message (a WAV in JSON: more than its 44-byte header).
    const actionLines = events.flatMap((e) => (e.name === 'call:log' ? (e.payload.entries as { size: number; msg?: { code: string } }[]) : [])).filter((l) => l.msg?.code === 'action.sent');
    expect(actionLines.length).toBeGreaterThanOrEqual(1);
    expect(actionLines.every((l) => l.size > 44)).toBe(true);
    // Listening: every level event of the call has its 20 ms of stereo audio, in order, and the
    // audio is as loud as the levels say (the bot's leg A speaks where its level says so).
    const audio = events.filter((e) => e.name === 'call:audio').map((e) => e.payload as { legs: string[]; sampleRate: number; t: number; pcm: Uint8Array });
    expect(audio.length).toBe(levels.length);
    expect(audio.every((a) => a.legs.join() === 'A,B' && a.sampleRate === 8000 && a.pcm.byteLength === 640)).toBe(true);
    expect(audio.map((a) => a.t)).toEqual(levels.map((e) => (e.payload.windows as { t: number }[])[0]!.t));
    const peakA = (pcm: Uint8Array): number => {
      const x = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2);
      let p = 0;
      for (let i = 0; i < x.length; i += 2) p = Math.max(p, Math.abs(x[i]!));
      return p;
    };
    levels.forEach((e, i) => {
      const a = (e.payload.windows as { leg: string; peakDbfs: number }[]).find((w) => w.leg === 'A')!;
      const db = peakA(audio[i]!.pcm) === 0 ? -120 : 20 * Math.log10(peakA(audio[i]!.pcm) / 32768);
      expect(Math.abs(db - a.peakDbfs)).toBeLessThan(0.2);
    });
    const ended = events.filter((e) => e.name === 'call:ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.payload.reason).toBe('customer-hangup');
    expect(events[events.length - 1]!.name).toBe('call:ended');
    expect(service.status().activeCalls).toEqual([]);
  }, 60_000);
});
