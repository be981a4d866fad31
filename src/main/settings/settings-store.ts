// Where settings live. The desktop app uses electron-store (src/main/electron/electron-settings.ts);
// web and CLI modes use `conf`, which writes the same JSON format. Services only see this interface.
import type { DataReset } from '../../shared/contract/app';

export interface SettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Absolute path of the file, for diagnostics and tests. */
  readonly path: string;
  /** Damaged data found at this start or earlier ones and not yet dismissed by the user. */
  resets(): DataReset[];
  recordReset(reset: DataReset): void;
  clearResets(): void;
}

/** Where tokens live. Never returned to the renderer. */
export interface SecretStore {
  readonly kind: 'os-encrypted' | 'owner-only-file';
  readonly note: string;
  get(id: string): string | undefined;
  set(id: string, secret: string): void;
  delete(id: string): void;
}
