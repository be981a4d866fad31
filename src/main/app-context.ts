// What every domain receives. Built once per process by createAppServices(); tests build their own.
import type { EventBus } from './api/event-bus';
import type { Logger } from './logger';
import type { ProfilesService } from './profiles/profiles-service';
import type { SettingsStore } from './settings/settings-store';

export interface AppContext {
  mode: 'desktop' | 'web';
  version: string;
  /** App data folder (settings, history, certificates). */
  dataDir: string;
  /** Where call recordings and event logs are written. */
  recordingsDir: string;
  /** Folder of bundled resources (prompts, icons). */
  resourcesDir: string;
  settings: SettingsStore;
  profiles: ProfilesService;
  events: EventBus;
  logger: Logger;
  /** The OS clipboard, written by main only (desktop app); absent in web and CLI modes. */
  clipboard?: { writeText(text: string): void };
  /** Epoch ms; injectable for tests. */
  now: () => number;
}

/** What a domain module returns. */
export interface Domain<H, S> {
  handlers: H;
  service: S;
  dispose(): Promise<void>;
}
