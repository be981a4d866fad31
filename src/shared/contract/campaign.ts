// Contract of the "campaign" domain: run one campaign (many simulated calls against a bot) from
// the app, watch its progress live, stop it, find its report.
import { z } from 'zod';
import { PRIORITY_MODES, PRIORITY_REASONS } from '../campaign/priority';
import { campaignSettingsSchema } from '../campaign/settings';
import { defineCall, defineEvent, noArgs } from './define';

export const campaignPointSchema = z.object({
  t: z.number(),
  active: z.number(),
  launched: z.number(),
  done: z.number(),
  passed: z.number(),
  failed: z.number(),
  setupOk: z.number(),
  setupFailed: z.number(),
  callsPerSec: z.number(),
  turnP50: z.number().nullable(),
  turnP95: z.number().nullable(),
  pacingP99: z.number().nullable(),
  errors: z.record(z.string(), z.number()),
});
export type CampaignPoint = z.infer<typeof campaignPointSchema>;

export const campaignCallSchema = z.object({
  index: z.number(),
  callId: z.string(),
  setup: z.enum(['ok', 'failed']),
  passed: z.boolean(),
  end: z.string(),
  errorCode: z.string().nullable(),
  firstBotAudioMs: z.number().nullable(),
  turnLatenciesMs: z.array(z.number()),
});

/** A call still running (the newest first), which the live view can be asked to show. */
export const campaignActiveCallSchema = z.object({ index: z.number().int(), callId: z.string() });

export const campaignStatusSchema = z.object({
  state: z.enum(['idle', 'running', 'finished', 'error']),
  id: z.string().nullable(),
  name: z.string().nullable(),
  calls: z.number(),
  concurrency: z.number(),
  /** The progress so far (bounded: the service keeps the last 3600 points). */
  timeline: z.array(campaignPointSchema),
  /** The most recent finished calls, newest first (at most 50). */
  recentCalls: z.array(campaignCallSchema),
  /** Calls running now, newest first (at most 50). */
  activeCalls: z.array(campaignActiveCallSchema).default([]),
  /** The running call shown in the live view, if any. */
  watching: z.string().nullable().default(null),
  verdict: z.enum(['pass', 'fail', 'error']).nullable(),
  reportDir: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The frame threads' scheduling priority (the weakest of them); null until the generator is up. */
  framePriority: z.object({ mode: z.enum(PRIORITY_MODES), reasons: z.array(z.enum(PRIORITY_REASONS)) }).nullable().default(null),
});
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const campaignCalls = {
  'campaign:status': defineCall(noArgs, campaignStatusSchema, 'The current (or last) campaign: state, progress, recent calls'),
  'campaign:start': defineCall(campaignSettingsSchema, campaignStatusSchema, 'Start a campaign (one at a time)'),
  'campaign:stop': defineCall(noArgs, campaignStatusSchema, 'Stop the running campaign: no new calls, running calls are closed'),
  'campaign:watch': defineCall(
    z.object({ index: z.number().int().min(0, 'a call index (0 or more)') }).strict(),
    z.object({ callId: z.string() }),
    "Show one running campaign call in the live view (its generator forwards that call's levels, actions and events)",
  ),
} as const;

export const campaignEvents = {
  'campaign:progress': defineEvent(
    z.object({ id: z.string(), point: campaignPointSchema, recentCalls: z.array(campaignCallSchema).optional(), activeCalls: z.array(campaignActiveCallSchema).optional() }),
    'Once a second while a campaign runs (with the latest finished and running calls)',
  ),
  'campaign:changed': defineEvent(campaignStatusSchema, 'A campaign started, finished or failed'),
} as const;
