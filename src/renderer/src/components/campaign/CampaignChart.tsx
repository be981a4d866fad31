// One live line chart of the Campaign screen, drawn as SVG (cheap: one path per series, redrawn
// once a second). The latest value of each series is also shown as text with an accessible name.
import { useTranslation } from 'react-i18next';
import { linePath, niceMax, type ChartBox } from '../../../../shared/campaign/chart-geometry';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  color: string;
}

const BOX: ChartBox = { w: 420, h: 150, padL: 40, padB: 16 };

export function CampaignChart({ title, unit, xs, series }: { title: string; unit: string; xs: number[]; series: ChartSeries[] }) {
  const { t, i18n } = useTranslation('campaign');
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const yMax = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const xMax = Math.max(1, xs[xs.length - 1] ?? 1);
  const ih = BOX.h - BOX.padB;
  return (
    <figure className="cmp-chart" aria-label={title}>
      <figcaption>
        {title} <span className="muted">({unit})</span>
      </figcaption>
      <svg viewBox={`0 0 ${BOX.w} ${BOX.h}`} role="img" aria-label={t('chartLabel', { title, seconds: nf.format(xMax) })}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={BOX.padL} x2={BOX.w} y1={ih - f * ih} y2={ih - f * ih} className="cmp-grid" />
            <text x={BOX.padL - 4} y={Math.max(9, ih - f * ih + 4)} className="cmp-ylab">
              {nf.format(f * yMax)}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <path key={s.name} d={linePath(xs, s.values, BOX, xMax, yMax)} stroke={s.color} fill="none" strokeWidth={1.8} />
        ))}
      </svg>
      <dl className="cmp-legend">
        {series.map((s) => {
          const last = [...s.values].reverse().find((v) => v !== null) ?? null;
          return (
            <div key={s.name}>
              <dt>
                <i style={{ background: s.color }} aria-hidden="true" /> {s.name}
              </dt>
              <dd aria-label={`${title}: ${s.name}`}>{last === null ? '–' : nf.format(last)}</dd>
            </div>
          );
        })}
      </dl>
    </figure>
  );
}
