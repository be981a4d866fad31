// The campaign report as one self-contained HTML page: verdict and thresholds, summary figures,
// impairments, SVG line charts over time (hand-drawn, no library, no CDN), errors by code, and
// one row per call (setup, first bot audio, turn latencies, actions, errors, recording).
import { linePath, niceMax, type ChartBox } from '../../shared/campaign/chart-geometry';
import type { CampaignResult } from './campaign-types';

export const HTML_MAX_ROWS = 5000;

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ms = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : `${Math.round(v)} ms`);

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

function chart(title: string, xs: number[], series: { name: string; ys: (number | null)[] }[], unit: string): string {
  const box: ChartBox = { w: 560, h: 200, padL: 48, padB: 22 };
  const xMax = Math.max(1, xs[xs.length - 1] ?? 1);
  const yMax = niceMax(Math.max(0, ...series.flatMap((s) => s.ys.filter((y): y is number => y !== null))));
  const ih = box.h - box.padB;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = (ih - f * ih).toFixed(1);
      return `<line x1="${box.padL}" x2="${box.w}" y1="${y}" y2="${y}" class="grid"/><text x="${box.padL - 4}" y="${y}" class="ylab">${esc(+(f * yMax).toFixed(1))}</text>`;
    })
    .join('');
  const paths = series.map((s, i) => `<path d="${linePath(xs, s.ys, box, xMax, yMax)}" stroke="${COLORS[i % COLORS.length]}" fill="none" stroke-width="1.6"/>`).join('');
  const legend = series.map((s, i) => `<span><i style="background:${COLORS[i % COLORS.length]}"></i>${esc(s.name)}</span>`).join('');
  return `<figure><figcaption>${esc(title)} <small>(${esc(unit)})</small></figcaption>
<svg viewBox="0 0 ${box.w} ${box.h}" role="img" aria-label="${esc(title)}">${grid}
<text x="${box.w}" y="${box.h - 4}" class="xlab">${esc(xMax)} s</text><text x="${box.padL}" y="${box.h - 4}" class="xlab0">0 s</text>${paths}</svg>
<div class="legend">${legend}</div></figure>`;
}

function bars(title: string, entries: [string, number][]): string {
  if (entries.length === 0) return `<figure><figcaption>${esc(title)}</figcaption><p class="none">none</p></figure>`;
  const max = Math.max(...entries.map(([, n]) => n));
  const rows = entries
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `<div class="bar"><span>${esc(code)}</span><b style="width:${((100 * n) / max).toFixed(1)}%"></b><em>${n}</em></div>`)
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption>${rows}</figure>`;
}

export function renderReportHtml(r: CampaignResult): string {
  const s = r.summary;
  const xs = r.timeline.map((p) => p.t);
  const imp = r.options.impairments;
  const impText = [imp.jitterMs ? `jitter up to ${imp.jitterMs} ms` : '', imp.dropPct ? `${imp.dropPct} % of media events dropped` : '', imp.burst ? `bursts: every ${imp.burst.everyMs} ms, ${imp.burst.holdMs} ms held then sent at once` : '']
    .filter(Boolean)
    .join('; ');
  const thresholdRows = r.thresholds
    .map((t) => `<tr><td>${esc(t.name)}</td><td>${esc(t.limit)}</td><td>${esc(t.measured ?? '–')}</td><td class="${t.ok ? 'ok' : 'bad'}">${t.ok ? 'pass' : 'FAIL'}</td></tr>`)
    .join('');
  const callRows = r.rows
    .slice(0, HTML_MAX_ROWS)
    .map((c) => {
      const acts = Object.entries(c.actions)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k}×${n}`)
        .join(' ');
      const garbage = Object.entries(c.garbage)
        .map(([k, n]) => `${k}×${n}`)
        .join(' ');
      const cust = c.customer ? Object.entries(c.customer).map(([k, v]) => `${k}=${v}`).join(', ') : '';
      const rec = c.recording ? `<a href="recordings/${esc(c.recording)}">wav</a>` : '';
      return `<tr class="${c.passed ? '' : 'failrow'}"><td>${c.index + 1}</td><td title="${esc(c.callId)}">${esc(c.callId.slice(0, 8))}</td><td>${esc(cust)}</td><td>${c.setup === 'ok' ? ms(c.setupMs) : '<b class="bad">failed</b>'}</td><td>${ms(c.firstBotAudioMs)}</td><td>${esc(c.turnLatenciesMs.join(', '))}</td><td>${esc(acts)}</td><td>${esc(c.end)}</td><td>${esc(c.errorCode ?? '')} ${esc(c.errorMessage ?? '')} ${esc(garbage)}</td><td>${c.framesDropped || c.framesDelayed ? `${c.framesDropped} dropped, ${c.framesDelayed} delayed (max ${c.maxHeldMs} ms)` : ''}</td><td>${rec}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Campaign report — ${esc(r.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#111;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.verdict{display:inline-block;padding:4px 12px;border-radius:4px;font-weight:700;color:#fff}
.pass{background:#15803d}.fail{background:#b91c1c}.error{background:#92400e}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f4f6}.ok{color:#15803d;font-weight:600}.bad{color:#b91c1c;font-weight:700}.failrow{background:#fef2f2}
.grid-figs{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;border:1px solid #e5e7eb;border-radius:6px;padding:8px;width:560px}
figcaption{font-weight:600;margin-bottom:4px}svg{width:100%;height:auto}.grid{stroke:#eee}.ylab{font-size:10px;text-anchor:end;fill:#555}
.xlab{font-size:10px;text-anchor:end;fill:#555}.xlab0{font-size:10px;fill:#555}.legend span{margin-right:12px;font-size:12px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}.bar{display:flex;align-items:center;gap:6px;font-size:12px}
.bar span{width:220px}.bar b{background:#dc2626;height:10px;display:block}.none{color:#666}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#555}
</style></head><body>
<h1>Campaign report — ${esc(r.name)}</h1>
<p><span class="verdict ${r.verdict}">${r.verdict.toUpperCase()}</span> ${esc(r.startedAt)} · ${esc(r.durationS)} s · bot ${esc(r.botUrl)} · scenario ${esc(r.scenario)}${r.profile ? ` · profile ${esc(r.profile)}` : ''}</p>
<h2>Thresholds</h2>
<table><tr><th>threshold</th><th>limit</th><th>measured</th><th>verdict</th></tr>${thresholdRows}</table>
<h2>Summary</h2>
<dl>
<dt>calls</dt><dd>${s.calls} (set up ${s.setupOk}, setup failed ${s.setupFailed}; passed ${s.passed}, failed ${s.failed})</dd>
<dt>setup success</dt><dd>${s.setupSuccessPct.toFixed(1)} %</dd>
<dt>call success</dt><dd>${s.callSuccessPct.toFixed(1)} %</dd>
<dt>turn latency p50 / p95 / p99 / max</dt><dd>${ms(s.turnP50)} / ${ms(s.turnP95)} / ${ms(s.turnP99)} / ${ms(s.turnMax)} (${s.turns} turns)</dd>
<dt>first bot audio p50</dt><dd>${ms(s.firstAudioP50)}</dd>
<dt>generator send deviation p50 / p99 / max</dt><dd>${s.pacingP50 ?? '–'} / ${s.pacingP99 ?? '–'} / ${s.pacingMax ?? '–'} ms; ${s.framesLatePct.toFixed(2)} % of frames later than 5 ms</dd>
<dt>options</dt><dd>${r.options.calls} calls, concurrency ${r.options.concurrency}, ramp ${r.options.rampPerSec}/s${r.options.durationS ? `, duration ${r.options.durationS} s` : ''}, ${r.options.workers} generator workers, ${esc(r.options.channel)}</dd>
<dt>impairments</dt><dd>${esc(impText || 'none')}${impText ? ` — ${s.framesDropped} media events dropped, ${s.framesDelayed} delayed` : ''}</dd>
<dt>frame threads' priority</dt><dd>${esc(s.framePriority.mode)}${s.framePriority.notes.length ? ` — ${esc(s.framePriority.notes.join('; '))}` : ''}</dd>
<dt>machine load average</dt><dd>${s.loadAvg.map((x) => x.toFixed(2)).join(' ')} (generator ${s.generatorCpuPctOfCore.toFixed(0)} % of one core)</dd>
</dl>
<h2>Over time</h2>
<div class="grid-figs">
${chart('Active calls', xs, [{ name: 'active', ys: r.timeline.map((p) => p.active) }], 'calls')}
${chart('Setup', xs, [{ name: 'set up', ys: r.timeline.map((p) => p.setupOk) }, { name: 'setup failed', ys: r.timeline.map((p) => p.setupFailed) }], 'calls, cumulative')}
${chart('Turn latency', xs, [{ name: 'p50', ys: r.timeline.map((p) => p.turnP50) }, { name: 'p95', ys: r.timeline.map((p) => p.turnP95) }], 'ms, last 5 s')}
${chart('Generator pacing', xs, [{ name: 'send deviation p99', ys: r.timeline.map((p) => p.pacingP99) }], 'ms, last 5 s')}
${bars('Errors by code', Object.entries(s.errors))}
</div>
<h2>Calls</h2>
${r.rows.length > HTML_MAX_ROWS ? `<p>First ${HTML_MAX_ROWS} of ${r.rows.length} calls; every call is in report.json.</p>` : ''}
<table><tr><th>#</th><th>call_id</th><th>customer</th><th>setup</th><th>first bot audio</th><th>turn latencies (ms)</th><th>actions</th><th>end</th><th>errors</th><th>impairments</th><th>recording</th></tr>
${callRows}
</table>
</body></html>
`;
}
