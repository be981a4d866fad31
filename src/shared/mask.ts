// Presenter-mode masking, shared by the renderer (views) and main (exports).

/** "0912345678" → "09••••••78" (keeps enough to tell numbers apart, hides the rest). */
export function maskPhone(s: string): string {
  const t = s.trim();
  if (t.length <= 4) return '•'.repeat(t.length);
  return t.slice(0, 2) + '•'.repeat(Math.max(2, t.length - 4)) + t.slice(-2);
}

/** Replace each sensitive value (destination, extension) wherever it occurs in `text`. */
export function maskKnown(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) {
    const s = v.trim();
    if (s.length >= 2) out = out.split(s).join(maskPhone(s));
  }
  return out;
}

/** The phone numbers and extensions of a create-stream request, to mask them everywhere. */
export function requestNumbers(request: unknown): string[] {
  if (!request || typeof request !== 'object') return [];
  const r = request as Record<string, unknown>;
  return [r.destination, r.extension].filter((v): v is string => typeof v === 'string' && v.trim().length >= 2);
}
