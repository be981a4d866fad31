// A profile as saved in settings (no token: tokens live in the SecretStore).
import { z } from 'zod';
import { authSchemeSchema } from '../../shared/contract/profiles';

export const storedProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  authScheme: authSchemeSchema,
  builtin: z.boolean().default(false),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;
