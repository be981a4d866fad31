// Desktop token storage: Electron safeStorage (OS keychain / DPAPI / libsecret) ciphertext,
// kept as base64 in the settings file. Plain text never touches the disk.
import { safeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import type { SecretStore, SettingsStore } from '../settings/settings-store';

export function openSafeStorageSecrets(settings: SettingsStore): SecretStore {
  const read = () => settings.get<Record<string, string>>('encryptedTokens') ?? {};
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const weak = backend === 'basic_text' || backend === 'unknown';
  return {
    kind: 'os-encrypted',
    note: weak
      ? `Tokens are encrypted with Electron safeStorage, but this desktop has no keyring (backend: ${backend}), so the key is not protected by the OS. Install a keyring (GNOME Keyring or KWallet) for real protection.`
      : 'Tokens are encrypted with the operating system keychain (Electron safeStorage); the settings file holds only ciphertext.',
    get(id) {
      const c = read()[id];
      if (!c) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(c, 'base64'));
      } catch {
        return undefined;
      }
    },
    set(id, secret) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new AppError('SECRET_STORAGE_UNAVAILABLE', 'The operating system cannot encrypt the token right now; it was not saved', 'token');
      }
      settings.set('encryptedTokens', { ...read(), [id]: safeStorage.encryptString(secret).toString('base64') });
    },
    delete(id) {
      const all = read();
      delete all[id];
      settings.set('encryptedTokens', all);
    },
  };
}
