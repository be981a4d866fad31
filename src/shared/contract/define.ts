// Building blocks of the API contract. No Node, no DOM: imported by main, preload and renderer.
import { z } from 'zod';

export interface CallSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
  /** One line for humans: shown in errors and docs. */
  readonly summary: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly summary: string;
}

export function defineCall<A extends z.ZodType, R extends z.ZodType>(
  args: A,
  result: R,
  summary: string,
): CallSpec<A, R> {
  return { args, result, summary };
}

export function defineEvent<P extends z.ZodType>(payload: P, summary: string): EventSpec<P> {
  return { payload, summary };
}

/** Calls with no arguments take an empty object (or undefined, normalised to {}). */
export const noArgs = z.object({}).strict().optional().default({});
export const okResult = z.object({ ok: z.literal(true) });

export interface ApiErrorShape {
  code: string;
  message: string;
  /** Dotted path of the offending field, when one field is to blame. */
  field?: string;
  /** Values the renderer places in its own wording of `code` (limits, sizes, names); `message` is English. */
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
