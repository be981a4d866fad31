// The app's campaign service: one campaign at a time, its progress pushed to the UI once a second
// (with the latest finished and running calls), its report written into the data folder
// (campaigns/<start time>/report.html). One running call at a time can be watched: its generator
// forwards it and it appears in the live view as a call of source 'campaign'.
import path from 'node:path';
import { AppError, isAppError } from '../../shared/errors';
import type { CampaignSettings } from '../../shared/campaign/settings';
import type { CampaignPoint, CampaignStatus } from '../../shared/contract/campaign';
import type { Logger } from '../logger';
import { MAX_TIMELINE } from './campaign-runner';
import type { CampaignControl } from './campaign-runner';
import { prepareCampaign, runPreparedCampaign } from './campaign-session';
import { LiveForward, type EmitLive } from './live-forward';

const MAX_RECENT = 50;

export interface CampaignServiceDeps {
  dataDir: string;
  logger: Logger;
  emit: { progress(id: string, point: CampaignPoint, calls: Pick<CampaignStatus, 'recentCalls' | 'activeCalls'>): void; changed(status: CampaignStatus): void };
  /** call:* events of a watched call, for the live view. */
  emitLive: EmitLive;
  /** Whether someone listens to a call (its audio is forwarded only then). */
  isListened?: (callId: string) => boolean;
}

export class CampaignService {
  private st: CampaignStatus = { state: 'idle', id: null, name: null, calls: 0, concurrency: 0, timeline: [], recentCalls: [], activeCalls: [], watching: null, verdict: null, reportDir: null, error: null, framePriority: null };
  /** Running calls by index (as many as the concurrency allows). */
  private readonly active = new Map<number, string>();
  private control: CampaignControl | null = null;
  private readonly live: LiveForward;
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;
  /** From the start request until the run has ended (covers the scenario loading too). */
  private busy = false;

  constructor(private readonly deps: CampaignServiceDeps) {
    this.live = new LiveForward(deps.emitLive, deps.isListened);
  }

  status(): CampaignStatus {
    return { ...this.st, timeline: [...this.st.timeline], recentCalls: [...this.st.recentCalls], activeCalls: this.activeList(), watching: this.live.current };
  }

  /** Show a running call in the live view (the one watched before stops being forwarded). */
  watch(index: number): { callId: string } {
    const callId = this.active.get(index);
    if (this.st.state !== 'running' || !callId || !this.control?.watch(index)) throw new AppError('CAMPAIGN_CALL_NOT_RUNNING', `call ${index + 1} of the campaign is not running`, 'index');
    return { callId };
  }

  private activeList(): CampaignStatus['activeCalls'] {
    const out: CampaignStatus['activeCalls'] = [];
    const all = [...this.active];
    for (let i = all.length - 1; i >= 0 && out.length < MAX_RECENT; i--) out.push({ index: all[i]![0], callId: all[i]![1] });
    return out;
  }

  async start(settings: CampaignSettings): Promise<CampaignStatus> {
    if (this.busy) throw new AppError('CAMPAIGN_ALREADY_RUNNING', 'a campaign is already running; stop it first');
    this.busy = true;
    const id = new Date().toISOString().replace(/[:.]/g, '-');
    const reportDir = settings.reportDir ?? path.join(this.deps.dataDir, 'campaigns', id);
    const controller = new AbortController();
    let prepared;
    try {
      prepared = await prepareCampaign(
        { ...settings, reportDir },
        {
          signal: controller.signal,
          onProgress: (p) => {
            this.st.timeline.push(p);
            if (this.st.timeline.length > MAX_TIMELINE) this.st.timeline.shift();
            this.deps.emit.progress(id, p, { recentCalls: [...this.st.recentCalls], activeCalls: this.activeList() });
          },
          onLaunch: (index, callId) => this.active.set(index, callId),
          onLive: (_index, note) => this.live.note(note),
          onControl: (c) => (this.control = c),
          onPriority: (p) => {
            this.st = { ...this.st, framePriority: { mode: p.mode, reasons: p.reasons } };
            this.deps.emit.changed(this.status());
          },
          onRow: (r) => {
            this.active.delete(r.index);
            this.st.recentCalls.unshift({ index: r.index, callId: r.callId, setup: r.setup, passed: r.passed, end: r.end, errorCode: r.errorCode, firstBotAudioMs: r.firstBotAudioMs, turnLatenciesMs: r.turnLatenciesMs.slice(0, 50) });
            if (this.st.recentCalls.length > MAX_RECENT) this.st.recentCalls.length = MAX_RECENT;
          },
        },
      );
    } catch (e) {
      this.busy = false;
      throw e;
    }
    this.controller = controller;
    this.active.clear();
    this.st = { state: 'running', id, name: prepared.options.name, calls: prepared.options.calls, concurrency: prepared.options.concurrency, timeline: [], recentCalls: [], activeCalls: [], watching: null, verdict: null, reportDir, error: null, framePriority: null };
    this.deps.logger.info('campaign.start', { id, calls: prepared.options.calls, concurrency: prepared.options.concurrency });
    this.running = runPreparedCampaign(prepared).then(
      (result) => {
        this.busy = false;
        this.control = null;
        this.active.clear();
        this.st = { ...this.st, state: 'finished', verdict: result.verdict };
        this.deps.logger.info('campaign.end', { id, verdict: result.verdict });
        this.deps.emit.changed(this.status());
      },
      (e: unknown) => {
        this.busy = false;
        this.control = null;
        this.active.clear();
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
