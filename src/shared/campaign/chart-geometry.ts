// Line-chart geometry shared by the HTML report (SVG text) and the Campaign screen (React SVG):
// series of (x, y) → an SVG path in a w × h box, with a "nice" y scale.

export interface ChartBox {
  w: number;
  h: number;
  /** Inner padding for axes labels (left, bottom). */
  padL: number;
  padB: number;
}

/** A round upper bound ≥ max (1, 2, 2.5, 5 × 10^k), so axes read well. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** `d` of an SVG path through the points; null values break the line. */
export function linePath(xs: readonly number[], ys: readonly (number | null)[], box: ChartBox, xMax: number, yMax: number): string {
  const iw = box.w - box.padL;
  const ih = box.h - box.padB;
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const px = box.padL + (xMax > 0 ? (xs[i]! / xMax) * iw : 0);
    const py = ih - (Math.min(y, yMax) / yMax) * ih;
    d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}
