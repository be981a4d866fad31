// The one-file export of a call: request (never the token), response, the call log as the endpoint
// wrote it, and the recordings as base64. Validated on import like any other input from outside.
// Version 1 files (every live event as a line) are still read.
import { z } from 'zod';
import { logEntrySchema } from '../../shared/call-log';
import { callIdSchema, turnSummarySchema } from '../../shared/contract/calls';
import { maskKnown } from '../../shared/mask';
import { redactSecrets } from '../../shared/redact';
import { liveEventNames } from './call-record';
import { callFactsSchema } from './disk';

export const bundleFormat = 'psr-console-call';

export const bundleRecordingSchema = z.object({
  kind: z.string().max(40),
  name: z.string().max(200),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
});

const common = {
  format: z.literal(bundleFormat),
  exportedAt: z.number(),
  callId: callIdSchema,
  summary: callFactsSchema.extend({ sources: z.array(z.string()) }),
  meta: z.record(z.string(), z.unknown()).default({}),
  request: z.unknown().nullable().default(null),
  response: z.unknown().nullable().default(null),
  recordings: z.array(bundleRecordingSchema).max(10),
};

/** Version 1: live events as recorded; each payload is validated again when the call is loaded. */
export const bundleV1Schema = z.object({
  ...common,
  version: z.literal(1),
  lines: z.array(z.object({ w: z.number(), e: z.enum(liveEventNames), p: z.unknown() })).max(5_000_000),
});

/** Version 2: the call log's entries (the lines of the endpoint's file) and the turn summary measured live. */
export const bundleV2Schema = z.object({
  ...common,
  version: z.literal(2),
  log: z.array(logEntrySchema).max(5_000_000),
  turns: turnSummarySchema.nullable().default(null),
});

export const bundleSchema = z.discriminatedUnion('version', [bundleV1Schema, bundleV2Schema]);
export type Bundle = z.infer<typeof bundleSchema>;
export type BundleV2 = z.infer<typeof bundleV2Schema>;

/**
 * Serialise with every known token and Authorization value scrubbed. Recordings are added after
 * scrubbing: a short token could occur by chance inside megabytes of base64 and corrupt the audio.
 */
export function serialiseBundle(
  bundle: Omit<BundleV2, 'recordings'>,
  recordings: Bundle['recordings'],
  secrets: readonly string[],
  /** Presenter mode: phone numbers and extensions to mask wherever they occur. */
  masked: readonly string[] = [],
): string {
  const text = maskKnown(redactSecrets(JSON.stringify(bundle), secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])), masked);
  const scrubbed = JSON.parse(text) as Omit<BundleV2, 'recordings'>;
  return JSON.stringify({ ...scrubbed, recordings });
}
