// App-wide calls: who we are, where data lives, what state settings are in.
import { z } from 'zod';
import { defineCall, defineEvent, noArgs } from './define';

/** A damaged data file (or one part of it) that was reset to defaults; shown until dismissed. */
export const dataResetSchema = z.object({
  /** 'settings' (the whole file), 'settings.<key>' (one part of it) or 'tokens' (the token file). */
  part: z.string(),
  file: z.string(),
  backup: z.string(),
  /** What was wrong, as the parser said it (technical, not translated). */
  reason: z.string(),
  at: z.number(),
});
export type DataReset = z.infer<typeof dataResetSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'web']),
  /** How tokens are kept at rest: OS keychain encryption, or an owner-only (0600) file. */
  secretStorage: z.enum(['os-encrypted', 'owner-only-file']),
  secretStorageNote: z.string(),
  dataDir: z.string(),
  recordingsDir: z.string(),
  /** Damaged data files found at start: what was reset to defaults and where the damaged copy is kept. */
  dataResets: z.array(dataResetSchema),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const stageMsSchema = z.number().int().min(50, 'a latency of at least 50 ms').max(10_000, 'a latency of at most 10000 ms');

export const uiPrefsSchema = z.object({
  language: z.enum(['en', 'vi']).default('en'),
  lastScreen: z.string().max(40).default('home'),
  presenterMode: z.boolean().default(false),
  /** Demo stage: colour theme, and the turn-latency thresholds (ms) below which a badge is green / amber. */
  stageTheme: z.enum(['dark', 'light']).default('dark'),
  stageGoodMs: stageMsSchema.default(800),
  stageFairMs: stageMsSchema.default(1500),
});
export type UiPrefs = z.infer<typeof uiPrefsSchema>;
/** A patch: no defaults here, or zod 4 would fill the missing keys with them and reset the language. */
export const uiPrefsPatchSchema = z
  .object({
    language: z.enum(['en', 'vi']).optional(),
    lastScreen: z.string().max(40).optional(),
    presenterMode: z.boolean().optional(),
    stageTheme: z.enum(['dark', 'light']).optional(),
    stageGoodMs: stageMsSchema.optional(),
    stageFairMs: stageMsSchema.optional(),
  })
  .strict();

export const appCalls = {
  'app:info': defineCall(noArgs, appInfoSchema, 'Version, mode, storage notes and damaged data files that were reset'),
  'app:dismissDataResets': defineCall(noArgs, z.object({ ok: z.literal(true) }), 'The user has read the notice about damaged data files'),
  'app:getPrefs': defineCall(noArgs, uiPrefsSchema, 'UI preferences (language, last screen, presenter mode, demo stage theme and latency thresholds)'),
  'app:setPrefs': defineCall(uiPrefsPatchSchema, uiPrefsSchema, 'Change UI preferences; returns all of them'),
};

export const appEvents = {
  'app:prefsChanged': defineEvent(uiPrefsSchema, 'UI preferences changed (any window)'),
};
