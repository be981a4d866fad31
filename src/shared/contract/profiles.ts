// PSR credential profiles. Tokens go in (profiles:save) but never come out:
// the renderer only learns whether a token is set and its last four characters.
import { z } from 'zod';
import { defineCall, defineEvent, noArgs } from './define';

/** How the token goes into the Authorization header: `Bearer <token>`, `Basic <token>` or the token as is (`none`). */
export const authSchemeSchema = z.enum(['bearer', 'basic', 'none']);
export type AuthScheme = z.infer<typeof authSchemeSchema>;

export const profileIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a profile id (lowercase letters, digits, dashes)');

const httpUrl = z
  .string()
  .trim()
  .min(1, 'a base URL such as https://psr.example.com')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL such as https://psr.example.com');

export const profileViewSchema = z.object({
  id: profileIdSchema,
  name: z.string(),
  baseUrl: z.string(),
  authScheme: authSchemeSchema,
  /** True for the built-in "Offline simulator" profile. */
  builtin: z.boolean(),
  tokenSet: z.boolean(),
  /** Last four characters of the token, for recognising it; null when no token. */
  tokenLast4: z.string().max(4).nullable(),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

export const profileListSchema = z.object({
  profiles: z.array(profileViewSchema),
  activeId: profileIdSchema.nullable(),
});
export type ProfileList = z.infer<typeof profileListSchema>;

export const profileSaveArgsSchema = z
  .object({
    /** Absent: create a new profile. */
    id: profileIdSchema.optional(),
    name: z.string().trim().min(1, 'a name (1–60 characters)').max(60, 'a name (1–60 characters)'),
    baseUrl: httpUrl,
    authScheme: authSchemeSchema.default('bearer'),
    /** Absent: keep the stored token. A string: replace it. */
    token: z
      .string()
      .max(4096, 'a token of at most 4096 characters')
      .refine((t) => !/[\r\n]/.test(t), 'a token on one line (no line breaks)')
      .optional(),
    clearToken: z.boolean().optional(),
  })
  .strict();
export type ProfileSaveArgs = z.input<typeof profileSaveArgsSchema>;

export const profilesCalls = {
  'profiles:list': defineCall(noArgs, profileListSchema, 'All profiles (without tokens) and the active one'),
  'profiles:save': defineCall(profileSaveArgsSchema, profileViewSchema, 'Create or update a profile'),
  'profiles:delete': defineCall(z.object({ id: profileIdSchema }).strict(), profileListSchema, 'Delete a profile'),
  'profiles:setActive': defineCall(z.object({ id: profileIdSchema }).strict(), profileListSchema, 'Choose the active profile'),
};

export const profilesEvents = {
  'profiles:changed': defineEvent(profileListSchema, 'Profiles or the active profile changed'),
};
