// `npm run cli -- campaign --bot URL --scenario F [options]`: many simulated PSR calls against a bot,
// each following the scenario, with live progress on stderr, a report, and a verdict as exit code.
import { isAppError } from '../../../shared/errors';
import { campaignSettingsSchema, CAMPAIGN_PROFILES, type CampaignSettingsInput } from '../../../shared/campaign/settings';
import { prepareCampaign, runPreparedCampaign } from '../../campaign/campaign-session';
import type { ProgressPoint } from '../../campaign/campaign-types';
import type { FramePriority } from '../../campaign/thread-priority';
import { CliUsageError, parseCliArgs, type CliCommand } from '../command';

const usage = `Usage: npm run cli -- campaign --bot URL --scenario FILE [options]

Rehearses a PSR autocall campaign: many simulated calls against your bot, each following the
scenario (the caller's side), from generator worker threads that keep 20 ms real time.

Options:
  --bot URL               the bot's WebSocket URL (ws:// or wss://)
  --scenario FILE         scenario file (JSON form of the scenario format)
  --customers FILE        CSV, first row = column names; each row is one call and its columns become
                          query parameters on the bot URL (call_id and tenant are always added)
  --calls N               calls in all (default: one per customer row; else the profile's; else 10)
  --concurrency C         at most C calls at once (default: the profile's, else min(calls, 10))
  --ramp R                start at most R calls per second (default: the profile's, else min(C, 50))
  --duration T            stop starting calls after T seconds (running calls finish)
  --profile P             preset shape: ${CAMPAIGN_PROFILES.join(' | ')} (explicit options win)
  --jitter-ms J           each media event leaves up to J ms late, never overtaking (late and bunched)
  --drop P                P % of media events are never sent
  --burst EVERY:HOLD      every EVERY ms, hold HOLD ms of media events and send them at once
  --max-p95-turn-ms X     threshold: p95 turn latency at most X ms
  --min-success P         threshold: at least P % of calls pass (set up, every step passed; default 100)
  --report DIR            write report.json and report.html (self-contained) into DIR
  --record-sample N       record N calls (evenly spread) as stereo WAV into DIR/recordings
  --workers N             generator worker threads (default: one per 150 concurrent calls, ≤ CPUs)
  --priority P            frame threads' scheduling priority: realtime (default; SCHED_FIFO where
                          allowed, else nice -10) | high (nice -10) | normal; what they got is printed
  --tenant NAME           the tenant query parameter (default campaign)
  -h, --help              this text

Progress on stderr (one line, refreshed); one JSON line with the summary on stdout at the end.
Exit: 0 every threshold passed, 1 a threshold failed, 2 could not run (bad option or file,
bot unreachable).`;

function num(flag: string, v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v.replace(/%$/, ''));
  if (v.trim() === '' || !Number.isFinite(n)) throw new CliUsageError(`--${flag}: expected a number, got '${v}'`);
  return n;
}

function priorityLine(p: FramePriority): string {
  const what = p.mode === 'realtime' ? 'real-time (SCHED_FIFO)' : p.mode === 'high' ? 'raised (nice -10)' : 'normal';
  return `frame threads: ${what} priority${p.notes.length ? ` — ${p.notes.join('; ')}` : ''}`;
}

function burst(v: string | undefined): { everyMs: number; holdMs: number } | null {
  if (v === undefined) return null;
  const m = /^(\d+):(\d+)$/.exec(v);
  if (!m) throw new CliUsageError(`--burst: expected EVERY_MS:HOLD_MS (e.g. 5000:400), got '${v}'`);
  return { everyMs: Number(m[1]), holdMs: Number(m[2]) };
}

function progressLine(p: ProgressPoint): string {
  const f = (v: number | null) => (v === null ? '–' : String(Math.round(v)));
  return `t=${p.t.toFixed(0)}s active ${p.active} done ${p.done} (passed ${p.passed}, failed ${p.failed}) ${p.callsPerSec}/s turn p50 ${f(p.turnP50)} p95 ${f(p.turnP95)} ms · pacing p99 ${p.pacingP99 === null ? '–' : p.pacingP99.toFixed(1)} ms`;
}

export const campaignCommand: CliCommand = {
  name: 'campaign',
  summary: 'rehearse an autocall campaign: many simulated calls against a bot, report and verdict',
  usage,
  async run(argv, io) {
    const v = parseCliArgs(argv, {
      bot: { type: 'string' },
      scenario: { type: 'string' },
      customers: { type: 'string' },
      calls: { type: 'string' },
      concurrency: { type: 'string' },
      ramp: { type: 'string' },
      duration: { type: 'string' },
      profile: { type: 'string' },
      'jitter-ms': { type: 'string' },
      drop: { type: 'string' },
      burst: { type: 'string' },
      'max-p95-turn-ms': { type: 'string' },
      'min-success': { type: 'string' },
      report: { type: 'string' },
      'record-sample': { type: 'string' },
      workers: { type: 'string' },
      priority: { type: 'string' },
      tenant: { type: 'string' },
    });
    if (!v.bot) throw new CliUsageError('--bot: required, expected the bot WebSocket URL');
    if (!v.scenario) throw new CliUsageError('--scenario: required, expected a scenario file');
    const input: CampaignSettingsInput = {
      bot: v.bot,
      scenario: v.scenario,
      customers: v.customers ?? null,
      profile: (v.profile ?? null) as CampaignSettingsInput['profile'],
      calls: num('calls', v.calls),
      concurrency: num('concurrency', v.concurrency),
      rampPerSec: num('ramp', v.ramp?.replace(/\/s$/, '')),
      durationS: num('duration', v.duration?.replace(/s$/, '')),
      jitterMs: num('jitter-ms', v['jitter-ms']) ?? 0,
      dropPct: num('drop', v.drop) ?? 0,
      burst: burst(v.burst),
      maxP95TurnMs: num('max-p95-turn-ms', v['max-p95-turn-ms']),
      minSuccessPct: num('min-success', v['min-success']) ?? 100,
      recordSample: num('record-sample', v['record-sample']) ?? 0,
      reportDir: v.report ?? null,
      workers: num('workers', v.workers),
      ...(v.priority ? { priority: v.priority as CampaignSettingsInput['priority'] } : {}),
      ...(v.tenant ? { tenant: v.tenant } : {}),
    };
    const parsed = campaignSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new CliUsageError(`${i.path.join('.') || 'options'}: ${i.message}`);
    }
    if (parsed.data.recordSample > 0 && !parsed.data.reportDir) throw new CliUsageError('--record-sample: needs --report DIR (recordings go into DIR/recordings)');
    const tty = process.stderr.isTTY === true;
    let lastPrinted = 0;
    let prepared;
    try {
      prepared = await prepareCampaign(parsed.data, {
        signal: io.signal,
        onPriority: (p) => {
          if (tty) process.stderr.write('\r\x1b[2K');
          io.err(priorityLine(p));
        },
        onProgress: (p) => {
          if (tty) process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
          else if (p.t - lastPrinted >= 5) {
            lastPrinted = p.t;
            io.err(progressLine(p));
          }
        },
      });
    } catch (e) {
      if (isAppError(e)) {
        io.err(`campaign: [${e.code}] ${e.message}`);
        return 2;
      }
      throw e;
    }
    const o = prepared.options;
    io.err(`campaign '${o.name}': ${o.calls} calls, concurrency ${o.concurrency}, ramp ${o.rampPerSec}/s, ${o.workers} generator workers → ${o.botUrl.replace(/\?.*$/, '')}`);
    const r = await runPreparedCampaign(prepared);
    if (tty) process.stderr.write('\n');
    const s = r.summary;
    io.err(`${s.calls} calls: ${s.setupOk} set up, ${s.passed} passed, ${s.failed} failed; turn p50 ${s.turnP50 ?? '–'} p95 ${s.turnP95 ?? '–'} ms; pacing p99 ${s.pacingP99 ?? '–'} ms`);
    for (const t of r.thresholds) io.err(`  ${t.ok ? 'pass' : 'FAIL'}  ${t.name}: measured ${t.measured ?? '–'}, limit ${t.limit}`);
    for (const [code, n] of Object.entries(s.errors)) io.err(`  ${code}: ${n}`);
    if (prepared.reportDir) io.err(`report: ${prepared.reportDir}/report.html`);
    io.out({ event: 'campaign-end', verdict: r.verdict, summary: { ...s, loadAvg: s.loadAvg }, thresholds: r.thresholds, report: prepared.reportDir });
    return r.verdict === 'pass' ? 0 : r.verdict === 'fail' ? 1 : 2;
  },
};
