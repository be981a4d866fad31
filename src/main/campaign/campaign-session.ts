// From settings (CLI flags or the Campaign screen) to a finished campaign with its report:
// loads the scenario and the customers, applies the profile preset under explicit values, runs,
// writes report.json and report.html (and sampled recordings) into the report folder.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { PROFILE_PRESETS, type CampaignSettings } from '../../shared/campaign/settings';
import { defaultWorkers, runCampaign, type CampaignOptions } from './campaign-runner';
import type { CampaignResult } from './campaign-types';
import { parseCustomers } from './customers';
import { renderReportHtml } from './report-html';
import { loadCampaignScenario } from './campaign-scenario';
import { readUserFile } from '../io/user-file';

/** Largest customers file read (CSV or JSON rows). */
const CUSTOMERS_MAX_BYTES = 64 * 1024 * 1024;

export interface PreparedCampaign {
  options: CampaignOptions;
  reportDir: string | null;
}

export type CampaignHooks = Pick<CampaignOptions, 'signal' | 'onProgress' | 'onRow' | 'onLaunch' | 'onLive' | 'onControl' | 'onPriority'>;

export async function prepareCampaign(s: CampaignSettings, hooks: CampaignHooks = {}): Promise<PreparedCampaign> {
  const scenario = await loadCampaignScenario(path.resolve(s.scenario));
  let customers: Record<string, string>[] | null = null;
  if (s.customers) {
    let text: string;
    try {
      // A path the user named: never a FIFO or device, never more than the rows a campaign can use.
      text = (await readUserFile(path.resolve(s.customers), { field: 'customers', noun: 'customers file', maxBytes: CUSTOMERS_MAX_BYTES })).toString('utf8');
    } catch (e) {
      throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${s.customers}: cannot be read (${(e as Error).message})`, 'customers');
    }
    customers = parseCustomers(text, s.customers).rows;
  }
  const preset = s.profile ? PROFILE_PRESETS[s.profile] : null;
  const durationS = s.durationS ?? preset?.durationS ?? null;
  // Without a count: one call per customer row; with a duration and no rows, as many as fit.
  const calls = s.calls ?? (customers && !durationS ? customers.length : (preset?.calls ?? (durationS ? 100_000 : 10)));
  const concurrency = s.concurrency ?? preset?.concurrency ?? Math.min(calls, 10);
  const rampPerSec = s.rampPerSec ?? preset?.rampPerSec ?? Math.max(1, Math.min(concurrency, 50));
  const reportDir = s.reportDir ? path.resolve(s.reportDir) : null;
  if (reportDir) fs.mkdirSync(reportDir, { recursive: true });
  const recordDir = reportDir && s.recordSample > 0 ? path.join(reportDir, 'recordings') : null;
  if (recordDir) fs.mkdirSync(recordDir, { recursive: true });
  return {
    reportDir,
    options: {
      name: scenario.name,
      botUrl: s.bot,
      scenarioFile: s.scenario,
      scenario,
      customers,
      calls,
      concurrency,
      rampPerSec,
      durationMs: durationS === null ? null : durationS * 1000,
      impairments: { jitterMs: s.jitterMs, dropPct: s.dropPct, burst: s.burst },
      thresholds: { maxP95TurnMs: s.maxP95TurnMs, minSuccessPct: s.minSuccessPct },
      recordSample: recordDir ? s.recordSample : 0,
      recordDir,
      workers: s.workers ?? defaultWorkers(concurrency),
      priority: s.priority,
      tenant: s.tenant,
      profile: s.profile,
      ...hooks,
    },
  };
}

export async function runPreparedCampaign(p: PreparedCampaign): Promise<CampaignResult> {
  const result = await runCampaign(p.options);
  if (p.reportDir) writeReport(p.reportDir, result);
  return result;
}

export function writeReport(dir: string, result: CampaignResult): { json: string; html: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const html = path.join(dir, 'report.html');
  fs.writeFileSync(json, JSON.stringify(result, null, 1));
  fs.writeFileSync(html, renderReportHtml(result));
  return { json, html };
}
