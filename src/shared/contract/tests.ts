// Contract of the "tests" domain: bot-test scenario files run against a bot, from the Tests screen,
// and a scenario made from a recorded call (the call library's "Make a test from this call").
import { z } from 'zod';
import { testResultSchema } from '../scenario/results';
import { defineCall, defineEvent, noArgs } from './define';

const pathSchema = z.string().trim().min(1, 'a file or folder path').max(4096, 'a path of at most 4096 characters');

export const testBotSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: z.string().trim().regex(/^wss?:\/\/[^\s/]+/, 'a ws:// or wss:// URL such as ws://127.0.0.1:8000/server/ws') }).strict(),
  /** The embedded endpoint with the demo bot (its prompts in this language). */
  z.object({ kind: z.literal('demo'), language: z.enum(['en', 'vi']).default('en') }).strict(),
  /** The embedded endpoint in tap mode: calls are relayed to its upstream bot (and shown live). */
  z.object({ kind: z.literal('upstream') }).strict(),
]);
export type TestBot = z.input<typeof testBotSchema>;

export const scenarioFileSchema = z.object({
  file: z.string(),
  name: z.string().nullable(),
  steps: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ScenarioFileView = z.infer<typeof scenarioFileSchema>;

export const testRunViewSchema = z.object({
  runId: z.string().nullable(),
  running: z.boolean(),
  /** The bot URL without its query. */
  bot: z.string().nullable(),
  total: z.number().int(),
  /** Files of the run, in order; results arrive as calls end. */
  files: z.array(z.string()),
  results: z.array(testResultSchema),
  invalid: z.array(z.object({ file: z.string(), code: z.string(), message: z.string() })),
  /** Files whose call could not start (bot unreachable). */
  unreachable: z.array(z.object({ file: z.string(), message: z.string() })),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
});
export type TestRunView = z.infer<typeof testRunViewSchema>;

export const testsCalls = {
  'tests:scan': defineCall(z.object({ paths: z.array(pathSchema).min(1, 'at least one file or folder').max(50) }).strict(), z.object({ files: z.array(scenarioFileSchema) }), 'Scenario files in these files or folders, each checked'),
  'tests:run': defineCall(
    z.object({ files: z.array(pathSchema).min(1, 'at least one scenario file').max(200, 'at most 200 scenario files'), bot: testBotSchema, parallel: z.number().int().min(1, 'between 1 and 8 calls at a time').max(8, 'between 1 and 8 calls at a time').default(2) }).strict(),
    testRunViewSchema,
    'Run scenario files against a bot; results arrive as tests:changed events',
  ),
  'tests:status': defineCall(noArgs, testRunViewSchema, 'The current or last bot-test run'),
  'tests:makeFromCall': defineCall(
    z
      .object({
        callId: z.string().min(1).max(200),
        folder: pathSchema,
        name: z.string().trim().min(1).max(200).optional(),
        /** Added to each measured turn latency to make its expect_reply limit. */
        marginMs: z.number().int().min(0, 'a margin between 0 and 10000 ms').max(10_000, 'a margin between 0 and 10000 ms').default(500),
      })
      .strict(),
    z.object({ file: z.string(), steps: z.number().int(), says: z.number().int(), latencies: z.array(z.number()) }),
    'Write a scenario (and its caller WAVs) from a recorded call',
  ),
} as const;

export const testsEvents = {
  'tests:changed': defineEvent(testRunViewSchema, 'A bot-test run started, a test finished, or the run ended'),
} as const;
