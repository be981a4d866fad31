// The create-stream service of the app: profiles → credentials, uploads, history, recordings,
// connection options. Plain Node; the handler (src/main/handlers/psr.ts) only maps calls onto it.
import path from 'node:path';
import { connectionOptionsSchema, type ConnectionOptionsView, type ConnectionTest, type HistoryEntry, type UploadView } from '../../shared/contract/psr';
import { buildCurl } from '../../shared/psr/curl';
import type { PsrRequest } from '../../shared/psr/request';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../app-context';
import { SIMULATOR_PROFILE_ID } from '../profiles/profiles-service';
import { originOf } from '../profiles/stored-profile';
import { createRedactor } from '../../shared/redact';
import { assertToken, clip, createStream, type PsrCallDeps, type PsrTarget } from './create-stream';
import { HistoryStore } from './history';
import { defaultConnectionOptions, PsrError, type HttpDeps, type PsrConnectionOptions } from './http';
import { downloadRecording } from './recordings';
import { UploadStore } from './uploads';
import { testConnection } from './test-connection';
import { randomBytes } from 'node:crypto';
import { pointsAtEndpoint, watchConnection, type ConnectionWatch, type SimCallState } from './connection-watch';

/** What create-stream needs from the offline simulator (SimulatorService has it): start it if need be, and where it runs. */
export interface SimulatorStarter {
  ensureRunning(): Promise<{ baseUrl: string }>;
  /** The running simulator, if any (its address). */
  readonly simulator?: { running: boolean; baseUrl: string } | null;
  /** Its settings: the port it starts on (0: a free one, known once it runs). */
  getSettings?(): { port: number };
}

/** What the connection watch reads from the other services (both optional: tests may omit them). */
export interface WatchableServices {
  /** The running endpoint's URLs (local, public). */
  endpointUrls?: () => Array<string | null>;
  /** A call of the built-in simulator, by id. */
  simulatorCall?: (callId: string) => SimCallState | null;
}

const SETTINGS_KEY = 'psr.connection';

export class PsrService {
  readonly uploads: UploadStore;
  readonly history: HistoryStore;
  private readonly watches = new Set<ConnectionWatch>();
  /** The redactor of errors, for PSR's answers too (every profile's token). */
  private readonly redact: (text: string) => string;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { simulator?: SimulatorStarter; http?: HttpDeps; watch?: WatchableServices; notConnectedMs?: number } = {},
  ) {
    this.uploads = new UploadStore(ctx.dataDir);
    this.history = new HistoryStore(ctx.dataDir, ctx.logger, () => ctx.profiles.allTokens());
    this.redact = createRedactor(() => ctx.profiles.allTokens());
    const sim = deps.simulator;
    if (sim) ctx.profiles.locateSimulator(() => simulatorAddress(sim));
  }

  /** Connection dependencies plus every token, so PSR's answers are scrubbed of all of them. */
  private callDeps(): PsrCallDeps {
    return { ...this.deps.http, secrets: () => this.ctx.profiles.allTokens() };
  }

  options(): PsrConnectionOptions {
    const stored = connectionOptionsSchema.partial().safeParse(this.ctx.settings.get(SETTINGS_KEY) ?? {});
    return { ...defaultConnectionOptions, ...(stored.success ? stored.data : {}) };
  }

  setOptions(patch: Partial<ConnectionOptionsView>): ConnectionOptionsView {
    const current = this.options();
    const caFile = patch.caFile === undefined ? current.caFile : patch.caFile?.trim() || null;
    const next = connectionOptionsSchema.parse({ ...current, ...patch, caFile });
    this.ctx.settings.set(SETTINGS_KEY, next);
    return next;
  }

  /**
   * Credentials of the profile; for the offline simulator, make sure it runs and use its address. The
   * token comes along only for the origin it is bound to (the simulator's own token: the simulator).
   */
  async target(profileId?: string): Promise<PsrTarget & { profileId: string }> {
    const c = this.ctx.profiles.credentials(profileId);
    let baseUrl = c.baseUrl;
    let tokenOrigin = c.tokenOrigin;
    if (c.profileId === SIMULATOR_PROFILE_ID) {
      // Without a simulator (a test, a CLI command that builds none) the profile's stored URL is used.
      if (this.deps.simulator) {
        baseUrl = (await this.deps.simulator.ensureRunning()).baseUrl;
        tokenOrigin = c.token ? originOf(baseUrl) : null;
      } else this.ctx.logger.warn('psr.simulator_unavailable', { note: 'no simulator in this process; using the stored base URL' });
    }
    const token = tokenOrigin !== null && tokenOrigin === originOf(baseUrl) ? c.token : undefined;
    return { profileId: c.profileId, profileName: c.profileName, baseUrl, authScheme: c.authScheme, token, tokenOrigin: token ? tokenOrigin : null };
  }

  /** Sends once (never retried) and records the outcome in history, success or failure. */
  async createStream(request: PsrRequest, profileId?: string): Promise<HistoryEntry> {
    const target = await this.target(profileId);
    const audio = request.audio_file ? this.uploads.get(request.audio_file.uploadId) : null;
    const started = this.ctx.now();
    const entry: HistoryEntry = {
      id: `${new Date(started).toISOString().replace(/[-:.TZ]/g, '').slice(0, 17)}-${randomBytes(4).toString('hex')}`,
      at: started,
      durationMs: 0,
      profileId: target.profileId,
      profileName: target.profileName,
      baseUrl: target.baseUrl,
      authScheme: target.authScheme,
      request,
      audioPath: audio?.upload.path ?? null,
      status: null,
      response: null,
      rawBody: null,
      error: null,
    };
    try {
      const ok = await createStream(target, request, audio ? { fileName: request.audio_file!.name, bytes: audio.bytes } : null, this.options(), this.callDeps());
      entry.status = ok.status;
      entry.response = ok.response;
      entry.rawBody = ok.rawBody;
      this.ctx.logger.info('psr.create_stream.ok', { profile: target.profileName, status: ok.status, callId: ok.response.data.call_id });
    } catch (e) {
      // Rules broken before sending are not history: nothing went out.
      if (e instanceof PsrError && (e.code === 'PSR_INVALID_REQUEST' || e.code === 'PSR_NO_TOKEN' || e.code === 'PSR_CA_FILE')) throw e;
      const err = e instanceof PsrError ? e : new PsrError('INTERNAL', e instanceof Error ? e.message : String(e));
      entry.status = err.status;
      entry.rawBody = err.body === null ? null : clip(this.redact(err.body));
      entry.error = { code: err.code, message: err.message, status: err.status, body: err.body, ...(err.field ? { field: err.field } : {}), ...(err.params ? { params: err.params } : {}) };
      this.ctx.logger.warn('psr.create_stream.failed', { profile: target.profileName, code: err.code, status: err.status });
    }
    entry.durationMs = this.ctx.now() - started;
    const watch = entry.response ? this.watch(entry, target.profileId === SIMULATOR_PROFILE_ID) : null;
    const saved = this.history.add(entry);
    watch?.onChange((connection) => {
      const next = this.history.add({ ...saved, connection });
      this.ctx.events.emit('psr:connection', { historyId: next.id, entry: next });
    });
    return saved;
  }

  /** Watch whether PSR connects when the console can see it (its simulator or its own endpoint). */
  private watch(entry: HistoryEntry, viaSimulator: boolean): ConnectionWatch | null {
    const callId = entry.response?.data.call_id;
    const url = entry.request.url;
    if (!callId) return null;
    const toEndpoint = pointsAtEndpoint(url, this.deps.watch?.endpointUrls?.() ?? []);
    if (!viaSimulator && !toEndpoint) return null;
    const w: ConnectionWatch = watchConnection(callId, url, viaSimulator ? 'simulator' : 'endpoint', {
      events: this.ctx.events,
      onEnd: () => this.watches.delete(w),
      simulatorCall: viaSimulator ? this.deps.watch?.simulatorCall : undefined,
      now: this.ctx.now,
      ...(this.deps.notConnectedMs ? { notConnectedMs: this.deps.notConnectedMs } : {}),
    });
    this.watches.add(w);
    entry.connection = w.initial;
    return w;
  }

  dispose(): void {
    for (const w of this.watches) w.cancel();
    this.watches.clear();
  }

  /** Same target as createStream (so for the offline simulator the command points at where it really runs). */
  async curl(request: PsrRequest, profileId?: string): Promise<string> {
    return this.buildCurlFor(request, false, profileId);
  }

  /** The command with the token in clear goes straight to the clipboard (desktop); it is never returned. */
  async copyCurlWithToken(request: PsrRequest, profileId?: string): Promise<void> {
    const clipboard = this.ctx.clipboard;
    if (!clipboard) {
      throw new AppError('TOKEN_COPY_UNAVAILABLE', 'Copying the command with the token is only offered by the desktop app; use the $PSR_TOKEN form');
    }
    clipboard.writeText(await this.buildCurlFor(request, true, profileId));
  }

  private async buildCurlFor(request: PsrRequest, withToken: boolean, profileId?: string): Promise<string> {
    const c = await this.target(profileId);
    const audioPath = request.audio_file ? this.uploads.get(request.audio_file.uploadId).upload.path : null;
    return buildCurl({ baseUrl: c.baseUrl, authScheme: c.authScheme, revealedToken: withToken ? assertToken(c) : null, request, audioPath });
  }

  async testConnection(profileId?: string): Promise<ConnectionTest> {
    const target = await this.target(profileId);
    const r = await testConnection(target, this.options(), this.deps.http);
    this.ctx.logger.info('psr.test_connection', { profile: target.profileName, outcome: r.outcome, status: r.status, code: r.code });
    return r;
  }

  async fetchRecording(url: string, profileId?: string) {
    const target = await this.target(profileId);
    return downloadRecording(target, url, path.join(this.ctx.recordingsDir, 'psr'), this.options(), this.callDeps());
  }

  convert(uploadId: string): Promise<{ upload: UploadView; bytes: Uint8Array }> {
    return this.uploads.convert(uploadId);
  }
}

/** Where the simulator's requests go: where it runs, else its port setting; null when that is 0 (a free port, not known yet). */
function simulatorAddress(sim: SimulatorStarter): string | null {
  if (sim.simulator?.running) return sim.simulator.baseUrl;
  const port = sim.getSettings?.().port;
  return port ? `http://127.0.0.1:${port}` : null;
}
