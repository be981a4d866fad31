// A self-contained HTML report (no external assets): per call, the verdict, each step with its
// figures, the whole-call expectations, an SVG waveform of both legs with the timeline (who talked
// when, turn latencies, actions), and a player for the recording (embedded as a data URI).
import fs from 'node:fs';
import path from 'node:path';
import { xmlEscape as esc } from './report-junit';
import type { RunSummary } from './runner';
import type { TestResult } from './results';

/** Recordings larger than this are linked (relative to the report) instead of embedded. */
const MAX_EMBED_BYTES = 12 * 1024 * 1024;

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:20px}h2{font-size:16px;margin:0}.test{border:1px solid #d0d7de;border-radius:8px;padding:14px;margin:16px 0}
.pass{color:#116329}.fail{color:#a40e26}.warn{color:#7d4e00}.skip{color:#6e7781}
table{border-collapse:collapse;margin:8px 0;width:100%}td,th{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600}.fig{font-family:ui-monospace,monospace;font-size:12px}svg{width:100%;height:auto;background:#f6f8fa;border-radius:6px}
.summary td{font-family:ui-monospace,monospace}audio{width:100%;margin-top:6px}.meta{color:#57606a;font-size:12px}`;

function figures(f: Record<string, number | string>): string {
  return Object.entries(f)
    .map(([k, v]) => `${esc(k)}=${esc(String(v))}`)
    .join(' ');
}

function waveform(r: TestResult): string {
  const frames = Math.max(1, r.peaks?.a.length ?? Math.ceil(r.durationMs / 20));
  const W = 1000;
  const H = 160;
  const x = (ms: number) => ((ms / 20 / frames) * W).toFixed(1);
  const bars = (peaks: number[], mid: number, dir: 1 | -1, color: string) => {
    const step = Math.max(1, Math.ceil(peaks.length / W));
    let d = '';
    for (let i = 0; i < peaks.length; i += step) {
      let p = 0;
      for (let j = i; j < Math.min(peaks.length, i + step); j++) p = Math.max(p, peaks[j]!);
      if (p === 0) continue;
      const h = (p / 255) * 50;
      d += `M${((i / frames) * W).toFixed(1)} ${mid}v${(dir * -h).toFixed(1)}`;
    }
    return `<path d="${d}" stroke="${color}" stroke-width="${Math.max(1, W / frames).toFixed(2)}"/>`;
  };
  const parts: string[] = [`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`waveform and timeline of ${r.name}`)}" xmlns="http://www.w3.org/2000/svg">`];
  parts.push('<text x="4" y="14" font-size="11" fill="#57606a">leg A (bot)</text><text x="4" y="150" font-size="11" fill="#57606a">leg B (caller)</text>');
  if (r.peaks) parts.push(bars(r.peaks.a, 70, 1, '#0969da'), bars(r.peaks.b, 90, -1, '#8250df'));
  for (const s of r.timeline.bot) parts.push(`<rect x="${x(s.startMs)}" y="18" width="${Math.max(1, Number(x(s.endMs)) - Number(x(s.startMs))).toFixed(1)}" height="4" fill="#0969da"><title>bot ${s.startMs}–${s.endMs} ms</title></rect>`);
  for (const s of r.timeline.caller) parts.push(`<rect x="${x(s.startMs)}" y="138" width="${Math.max(1, Number(x(s.endMs)) - Number(x(s.startMs))).toFixed(1)}" height="4" fill="#8250df"><title>${esc(s.label ?? 'caller')} ${s.startMs}–${s.endMs} ms</title></rect>`);
  for (const l of r.timeline.latencies) {
    parts.push(`<line x1="${x(l.lastWordMs)}" x2="${x(l.botStartMs)}" y1="80" y2="80" stroke="#bf3989" stroke-width="3"><title>turn latency ${l.latencyMs} ms</title></line>`);
    parts.push(`<text x="${x(l.lastWordMs)}" y="112" font-size="11" fill="#bf3989">${l.latencyMs} ms</text>`);
  }
  for (const e of r.timeline.events) parts.push(`<line x1="${x(e.ms)}" x2="${x(e.ms)}" y1="10" y2="150" stroke="${e.kind === 'protocol' ? '#a40e26' : '#57606a'}" stroke-dasharray="3 3"><title>${esc(`${e.ms} ms: ${e.detail}`)}</title></line>`);
  parts.push('</svg>');
  return parts.join('');
}

function player(r: TestResult, reportDir: string): string {
  const file = r.recording?.full;
  if (!file || !fs.existsSync(file)) return '<p class="meta">No recording (run with --record-dir to keep one).</p>';
  const size = fs.statSync(file).size;
  const src = size <= MAX_EMBED_BYTES ? `data:audio/wav;base64,${fs.readFileSync(file).toString('base64')}` : esc(path.relative(reportDir, file).split(path.sep).join('/'));
  return `<audio controls preload="none" src="${src}" aria-label="${esc(`recording of ${r.name}`)}"></audio><p class="meta">Stereo: left = leg A (bot), right = leg B (caller). ${esc(path.basename(file))}</p>`;
}

function testSection(r: TestResult, reportDir: string): string {
  const rows = r.steps
    .map((s) => {
      const cls = s.status === 'passed' ? 'pass' : s.status === 'failed' ? 'fail' : 'skip';
      return `<tr><td>${s.index + 1}</td><td>${esc(s.kind)}</td><td>${s.line ?? ''}</td><td class="${cls}">${esc(s.status)}</td><td class="fig">${figures(s.figures)}</td><td>${esc(s.message)}</td></tr>`;
    })
    .join('');
  const exp = r.expectations
    .map((e) => `<tr><td>${esc(e.name)}</td><td class="${e.passed ? (e.warning ? 'warn' : 'pass') : 'fail'}">${e.passed ? (e.warning ? 'warning' : 'passed') : 'failed'}</td><td class="fig">${figures(e.figures)}</td><td>${esc(e.message)}</td></tr>`)
    .join('');
  return `<section class="test" aria-label="${esc(r.name)}">
<h2 class="${r.passed ? 'pass' : 'fail'}">${r.passed ? '✔ PASS' : '✘ FAIL'} — ${esc(r.name)}</h2>
<p class="meta">${esc(r.file)} · call_id ${esc(r.callId)} · ${(r.durationMs / 1000).toFixed(1)} s · ended: ${esc(r.endReason)}</p>
${r.failure ? `<p class="fail">${esc(r.failure)}</p>` : ''}
${waveform(r)}
<table><thead><tr><th>#</th><th>step</th><th>line</th><th>result</th><th>figures</th><th>detail</th></tr></thead><tbody>${rows}</tbody></table>
${exp ? `<table><thead><tr><th>expectation</th><th>result</th><th>figures</th><th>detail</th></tr></thead><tbody>${exp}</tbody></table>` : ''}
${r.timeline.latencies.length ? `<p>Turn latencies: ${r.timeline.latencies.map((l) => `${l.latencyMs} ms`).join(', ')}</p>` : ''}
${player(r, reportDir)}
</section>`;
}

export function htmlReport(summary: RunSummary, reportPath: string, botUrl: string): string {
  const dir = path.dirname(path.resolve(reportPath));
  const invalid = summary.invalid.map((i) => `<section class="test"><h2 class="fail">✘ INVALID — ${esc(path.basename(i.file))}</h2><p>${esc(i.message)}</p></section>`).join('');
  const unreachable = summary.unreachable.map((u) => `<section class="test"><h2 class="fail">✘ BOT UNREACHABLE — ${esc(path.basename(u.file))}</h2><p>${esc(u.message)}</p></section>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PSR bot tests</title><style>${CSS}</style></head><body>
<h1>PSR bot tests</h1>
<table class="summary"><tr><td>bot</td><td>${esc(botUrl)}</td></tr><tr><td>passed</td><td>${summary.passed}</td></tr><tr><td>failed</td><td>${summary.failed}</td></tr><tr><td>invalid files</td><td>${summary.invalid.length}</td></tr><tr><td>time</td><td>${(summary.durationMs / 1000).toFixed(1)} s</td></tr></table>
${invalid}${unreachable}${summary.results.map((r) => testSection(r, dir)).join('\n')}
</body></html>
`;
}
