// Figures of a step's verdict as reported: whole ms, the internal `started` mark left out.

/** Figures as reported: numbers in whole ms, the internal `started` mark dropped. */
export function roundFigures(f: Record<string, number | string>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(f)) if (k !== 'started') out[k] = typeof v === 'number' ? Math.round(v) : v;
  return out;
}
