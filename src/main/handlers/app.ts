import { uiPrefsSchema, type UiPrefs } from '../../shared/contract/app';
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext } from '../app-context';
import type { SecretStore } from '../settings/settings-store';

export function appHandlers(ctx: AppContext, secrets: SecretStore): DomainHandlers<'app:info' | 'app:dismissDataResets' | 'app:getPrefs' | 'app:setPrefs'> {
  const getPrefs = (): UiPrefs => uiPrefsSchema.parse(ctx.settings.get('ui') ?? {});
  return {
    'app:info': () => ({
      version: ctx.version,
      mode: ctx.mode,
      secretStorage: secrets.kind,
      secretStorageNote: secrets.note,
      dataDir: ctx.dataDir,
      recordingsDir: ctx.recordingsDir,
      dataResets: ctx.settings.resets(),
    }),
    'app:dismissDataResets': () => {
      ctx.settings.clearResets();
      return { ok: true as const };
    },
    'app:getPrefs': () => getPrefs(),
    'app:setPrefs': (patch) => {
      const next = uiPrefsSchema.parse({ ...getPrefs(), ...patch });
      ctx.settings.set('ui', next);
      ctx.events.emit('app:prefsChanged', next);
      return next;
    },
  };
}
