// The shape of each top-level settings key, checked when the file is opened: a key that does not
// match is reset to its defaults (and reported), instead of stopping a service with a raw zod error.
import { z } from 'zod';
import { uiPrefsSchema } from '../../shared/contract/app';
import { endpointSettingsSchema } from '../../shared/contract/endpoint';
import { connectionOptionsSchema } from '../../shared/contract/psr';
import { simulatorSettingsSchema } from '../../shared/contract/simulator';
import { storedProfileSchema } from '../profiles/stored-profile';

export const settingsKeySchemas: Record<string, z.ZodType> = {
  ui: uiPrefsSchema,
  endpoint: endpointSettingsSchema,
  simulator: simulatorSettingsSchema.partial(),
  'psr.connection': connectionOptionsSchema.partial(),
  profiles: z.array(storedProfileSchema),
  activeProfileId: z.string(),
  encryptedTokens: z.record(z.string(), z.string()),
};
