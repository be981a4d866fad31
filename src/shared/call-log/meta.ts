// The meta file of a call (`<call>.meta.json`): written by the endpoint when the call starts and
// again (atomically) when it ends; read by the call library. One schema for both sides: the writer
// validates what it writes, the reader accepts older and foreign files (the simulator's, snake_case
// keys, missing fields) leniently and keeps what it can.
import { z } from 'zod';
import { channelLayoutSchema, frameStatsSchema, legSchema } from '../contract/live';

export const callMetaSchema = z.object({
  callId: z.string(),
  source: z.literal('endpoint'),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  query: z.record(z.string(), z.string()),
  tenant: z.string().nullable(),
  channel: channelLayoutSchema.nullable(),
  legs: z.array(legSchema),
  reason: z.string().nullable(),
  stats: frameStatsSchema.nullable(),
  /** File names (no folder) of the recording and the call log, in the same folder as the meta file. */
  recording: z.string().nullable(),
  events: z.string(),
  /** Tap mode: the bot's URL with secrets redacted. */
  tap: z.string().nullable(),
});
export type CallMeta = z.infer<typeof callMetaSchema>;

/** The reading side: every field optional, bad values dropped, unknown keys kept, `call_id` accepted. */
export const callMetaReadSchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !('callId' in v) && 'call_id' in v ? { ...v, callId: (v as { call_id: unknown }).call_id } : v),
  z
    .object({
      callId: z.string(),
      startedAt: z.number().nullable().optional().catch(null),
      endedAt: z.number().nullable().optional().catch(null),
      legs: z.array(legSchema).optional().catch(undefined),
      channel: channelLayoutSchema.nullable().optional().catch(null),
      tenant: z.string().nullable().optional().catch(null),
      reason: z.string().nullable().optional().catch(null),
      stats: frameStatsSchema.nullable().optional().catch(null),
    })
    .loose(),
);
export type CallMetaRead = z.infer<typeof callMetaReadSchema>;
