// A profile as saved in settings (no token: tokens live in the SecretStore), and the origin its token
// is bound to: the scheme://host:port of the base URL the token was saved with.
import { z } from 'zod';
import { authSchemeSchema } from '../../shared/contract/profiles';

export const storedProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  authScheme: authSchemeSchema,
  builtin: z.boolean().default(false),
  /** Where the stored token may be sent. Absent in profiles saved before tokens were bound: their base URL's origin. */
  tokenOrigin: z.string().optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** The origin (scheme://host:port, lower-case host, default port dropped) of a URL; null when it is not one. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The origin a profile's stored token is bound to. */
export function boundOrigin(p: StoredProfile): string | null {
  return p.tokenOrigin ?? originOf(p.baseUrl);
}
