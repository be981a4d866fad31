// What a campaign is asked to do, as the command line and the Campaign screen both express it.
// One schema, validated at every boundary (CLI flags, the app contract); strict, so a misspelt key
// is refused by name instead of silently falling back to its default.
import { z } from 'zod';
import { PRIORITY_MODES } from './priority';

export const CAMPAIGN_PROFILES = ['baseline', 'ramp', 'spike', 'soak'] as const;
export type CampaignProfile = (typeof CAMPAIGN_PROFILES)[number];

/** The usual shapes (Hamming's runbook): a gentle baseline, a slow ramp, a sudden spike, a long soak. */
export const PROFILE_PRESETS: Record<CampaignProfile, { calls: number; concurrency: number; rampPerSec: number; durationS: number | null }> = {
  baseline: { calls: 20, concurrency: 5, rampPerSec: 1, durationS: null },
  ramp: { calls: 1000, concurrency: 500, rampPerSec: 5, durationS: null },
  spike: { calls: 500, concurrency: 500, rampPerSec: 250, durationS: null },
  soak: { calls: 100_000, concurrency: 50, rampPerSec: 2, durationS: 1800 },
};

export const MAX_CAMPAIGN_CALLS = 100_000;
export const MAX_CONCURRENCY = 5000;

export const campaignSettingsSchema = z.object({
  bot: z.string().regex(/^wss?:\/\/[^\s/]+/, 'expected a ws:// or wss:// URL'),
  scenario: z.string().min(1, 'expected the path of a scenario file'),
  customers: z.string().min(1).nullable().default(null),
  profile: z.enum(CAMPAIGN_PROFILES).nullable().default(null),
  calls: z.number().int().min(1).max(MAX_CAMPAIGN_CALLS).nullable().default(null),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).nullable().default(null),
  rampPerSec: z.number().min(0.1).max(1000).nullable().default(null),
  durationS: z.number().min(1).max(86_400).nullable().default(null),
  jitterMs: z.number().min(0).max(2000).default(0),
  dropPct: z.number().min(0).max(100).default(0),
  burst: z
    .object({ everyMs: z.number().int().min(100).max(600_000), holdMs: z.number().int().min(20).max(60_000) })
    .strict()
    .nullable()
    .default(null),
  maxP95TurnMs: z.number().min(1).max(600_000).nullable().default(null),
  minSuccessPct: z.number().min(0).max(100).default(100),
  recordSample: z.number().int().min(0).max(1000).default(0),
  reportDir: z.string().min(1).nullable().default(null),
  workers: z.number().int().min(1).max(64).nullable().default(null),
  /** Scheduling priority asked for the generator's frame threads; each steps down to what the system allows. */
  priority: z.enum(PRIORITY_MODES).default('realtime'),
  tenant: z.string().min(1).max(100).default('campaign'),
}).strict();

export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;
export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>;
