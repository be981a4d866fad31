// The one-file export of a call: request (never the token), response, the call log as the endpoint
// wrote it, and the recordings as base64. Validated on import like any other input from outside.
// Version 1 files (every live event as a line) are still read.
import { z } from 'zod';
import { logEntrySchema } from '../../shared/call-log';
import { callIdSchema, turnSummarySchema } from '../../shared/contract/calls';
import { maskKnown } from '../../shared/mask';
import { deeperThan } from '../../shared/psr-stream';
import { redactSecrets } from '../../shared/redact';
import { liveEventNames } from './call-record';
import { callFactsSchema } from './disk';

export const bundleFormat = 'psr-console-call';

export const bundleRecordingSchema = z.object({
  kind: z.string().max(40),
  name: z.string().max(200),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
});

/** Free-form JSON in a bundle (meta, request, response, a version 1 line's payload) nests at most this deep. */
export const BUNDLE_MAX_DEPTH = 64;
/** Meta, request and response are each at most this many bytes of JSON text. */
export const BUNDLE_MAX_FIELD_BYTES = 1024 * 1024;

/** Why a free-form field is refused: carried in its issue's params, so the importer can code the error. */
export type FreeFormLimit = { bundleLimit: 'depth'; limit: number } | { bundleLimit: 'size'; limit: number; bytes: number };

/**
 * Free-form JSON, checked before anything recursive (JSON.stringify, a schema of its own) walks it:
 * depth iteratively first, then its size as JSON text, which is safe to produce once the depth is known.
 */
function freeForm<T extends z.ZodType>(schema: T, maxBytes: number | null) {
  return schema.superRefine((value, ctx) => {
    if (deeperThan(value, BUNDLE_MAX_DEPTH)) {
      const params: FreeFormLimit = { bundleLimit: 'depth', limit: BUNDLE_MAX_DEPTH };
      ctx.addIssue({ code: 'custom', message: `JSON nested at most ${BUNDLE_MAX_DEPTH} levels deep`, params });
      return;
    }
    const text = maxBytes === null || value === undefined ? undefined : JSON.stringify(value);
    const bytes = text === undefined ? 0 : Buffer.byteLength(text);
    if (maxBytes !== null && bytes > maxBytes) {
      const params: FreeFormLimit = { bundleLimit: 'size', limit: maxBytes, bytes };
      ctx.addIssue({ code: 'custom', message: `at most ${maxBytes} bytes of JSON`, params });
    }
  });
}

const common = {
  format: z.literal(bundleFormat),
  exportedAt: z.number(),
  callId: callIdSchema,
  summary: callFactsSchema.extend({ sources: z.array(z.string()) }),
  meta: freeForm(z.record(z.string(), z.unknown()), BUNDLE_MAX_FIELD_BYTES).default({}),
  request: freeForm(z.unknown(), BUNDLE_MAX_FIELD_BYTES).nullable().default(null),
  response: freeForm(z.unknown(), BUNDLE_MAX_FIELD_BYTES).nullable().default(null),
  recordings: z.array(bundleRecordingSchema).max(10),
};

/** Version 1: live events as recorded; each payload is validated again when the call is loaded. */
export const bundleV1Schema = z.object({
  ...common,
  version: z.literal(1),
  lines: z.array(z.object({ w: z.number(), e: z.enum(liveEventNames), p: freeForm(z.unknown(), null) })).max(5_000_000),
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
