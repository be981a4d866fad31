// The one-file export of a call: request (never the token), response, every live event, and the
// recordings as base64. Validated on import like any other input from outside.
import { z } from 'zod';
import { callIdSchema } from '../../shared/contract/calls';
import { maskKnown } from '../../shared/mask';
import { redactSecrets } from '../../shared/redact';
import { liveEventNames, type LiveLine } from './call-record';
import { callFactsSchema } from './disk';

export const bundleFormat = 'psr-console-call';

export const bundleRecordingSchema = z.object({
  kind: z.string().max(40),
  name: z.string().max(200),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
});

export const bundleSchema = z.object({
  format: z.literal(bundleFormat),
  version: z.literal(1),
  exportedAt: z.number(),
  callId: callIdSchema,
  summary: callFactsSchema.extend({ sources: z.array(z.string()) }),
  meta: z.record(z.string(), z.unknown()).default({}),
  request: z.unknown().nullable().default(null),
  response: z.unknown().nullable().default(null),
  /** Live events as recorded; each payload is validated again when the call is loaded. */
  lines: z.array(z.object({ w: z.number(), e: z.enum(liveEventNames), p: z.unknown() })).max(5_000_000),
  recordings: z.array(bundleRecordingSchema).max(10),
});
export type Bundle = z.infer<typeof bundleSchema>;

/**
 * Serialise with every known token and Authorization value scrubbed. Recordings are added after
 * scrubbing: a short token could occur by chance inside megabytes of base64 and corrupt the audio.
 */
export function serialiseBundle(
  bundle: Omit<Bundle, 'recordings'>,
  recordings: Bundle['recordings'],
  secrets: readonly string[],
  /** Presenter mode: phone numbers and extensions to mask wherever they occur. */
  masked: readonly string[] = [],
): string {
  const text = maskKnown(redactSecrets(JSON.stringify(bundle), secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])), masked);
  const scrubbed = JSON.parse(text) as Omit<Bundle, 'recordings'>;
  return JSON.stringify({ ...scrubbed, recordings });
}

export function linesOf(bundle: Bundle): LiveLine[] {
  return bundle.lines.map((l) => ({ w: l.w, e: l.e, p: l.p }));
}
