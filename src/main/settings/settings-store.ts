// Where settings live. The desktop app uses electron-store (src/main/electron/electron-settings.ts);
// web and CLI modes use `conf`, which writes the same JSON format. Services only see this interface.

export interface SettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Absolute path of the file, for diagnostics and tests. */
  readonly path: string;
  /** Problems met while opening (a corrupt file that was backed up), for the UI. */
  readonly warnings: string[];
}

/** Where tokens live. Never returned to the renderer. */
export interface SecretStore {
  readonly kind: 'os-encrypted' | 'owner-only-file';
  readonly note: string;
  get(id: string): string | undefined;
  set(id: string, secret: string): void;
  delete(id: string): void;
}
