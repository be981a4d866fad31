// The app's campaign service: one campaign at a time, its progress pushed to the UI once a second,
// its report written into the data folder (campaigns/<start time>/report.html).
import path from 'node:path';
import { AppError, isAppError } from '../../shared/errors';
import type { CampaignSettings } from '../../shared/campaign/settings';
import type { CampaignPoint, CampaignStatus } from '../../shared/contract/campaign';
import type { Logger } from '../logger';
import { MAX_TIMELINE } from './campaign-runner';
import { prepareCampaign, runPreparedCampaign } from './campaign-session';

const MAX_RECENT = 50;

export interface CampaignServiceDeps {
  dataDir: string;
  logger: Logger;
  emit: { progress(id: string, point: CampaignPoint): void; changed(status: CampaignStatus): void };
}

export class CampaignService {
  private st: CampaignStatus = { state: 'idle', id: null, name: null, calls: 0, concurrency: 0, timeline: [], recentCalls: [], verdict: null, reportDir: null, error: null };
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: CampaignServiceDeps) {}

  status(): CampaignStatus {
    return { ...this.st, timeline: [...this.st.timeline], recentCalls: [...this.st.recentCalls] };
  }

  start(settings: CampaignSettings): CampaignStatus {
    if (this.st.state === 'running') throw new AppError('CAMPAIGN_ALREADY_RUNNING', 'a campaign is already running; stop it first');
    const id = new Date().toISOString().replace(/[:.]/g, '-');
    const reportDir = settings.reportDir ?? path.join(this.deps.dataDir, 'campaigns', id);
    const controller = new AbortController();
    const prepared = prepareCampaign(
      { ...settings, reportDir },
      {
        signal: controller.signal,
        onProgress: (p) => {
          this.st.timeline.push(p);
          if (this.st.timeline.length > MAX_TIMELINE) this.st.timeline.shift();
          this.deps.emit.progress(id, p);
        },
        onRow: (r) => {
          this.st.recentCalls.unshift({ index: r.index, callId: r.callId, setup: r.setup, passed: r.passed, end: r.end, errorCode: r.errorCode, firstBotAudioMs: r.firstBotAudioMs, turnLatenciesMs: r.turnLatenciesMs.slice(0, 50) });
          if (this.st.recentCalls.length > MAX_RECENT) this.st.recentCalls.length = MAX_RECENT;
        },
      },
    );
    this.controller = controller;
    this.st = { state: 'running', id, name: prepared.options.name, calls: prepared.options.calls, concurrency: prepared.options.concurrency, timeline: [], recentCalls: [], verdict: null, reportDir, error: null };
    this.deps.logger.info('campaign.start', { id, calls: prepared.options.calls, concurrency: prepared.options.concurrency });
    this.running = runPreparedCampaign(prepared).then(
      (result) => {
        this.st = { ...this.st, state: 'finished', verdict: result.verdict };
        this.deps.logger.info('campaign.end', { id, verdict: result.verdict });
        this.deps.emit.changed(this.status());
      },
      (e: unknown) => {
        this.st = { ...this.st, state: 'error', error: { code: isAppError(e) ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
        this.deps.logger.warn('campaign.failed', { id, error: this.st.error!.message });
        this.deps.emit.changed(this.status());
      },
    );
    this.deps.emit.changed(this.status());
    return this.status();
  }

  async stop(): Promise<CampaignStatus> {
    this.controller?.abort();
    await this.running;
    return this.status();
  }

  async dispose(): Promise<void> {
    await this.stop();
  }
}
