// Credential profiles. Metadata in the settings store; tokens in the secret store.
// profileView() is the only shape that leaves this module toward the renderer.
// A token is bound to the origin of the base URL it was saved with: a save that moves the profile to
// another origin without a new token clears it, and credentials() hands a token out only for its origin.
import { boundOrigin, originOf, storedProfileSchema, type StoredProfile } from './stored-profile';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  type AuthScheme,
  type ProfileList,
  type ProfileView,
  profileSaveArgsSchema,
} from '../../shared/contract/profiles';
import { AppError } from '../../shared/errors';
import { last4 } from '../../shared/redact';
import type { SecretStore, SettingsStore } from '../settings/settings-store';

export const SIMULATOR_PROFILE_ID = 'offline-simulator';
export const DEFAULT_SIMULATOR_PORT = 8790;


export interface Credentials {
  profileId: string;
  profileName: string;
  baseUrl: string;
  authScheme: AuthScheme;
  /** Present only when bound to the origin of `baseUrl`. */
  token: string | undefined;
  /** The only origin `token` may be sent to (null: no token). */
  tokenOrigin: string | null;
}

export class ProfilesService {
  private readonly listeners = new Set<(list: ProfileList) => void>();
  /** Where the built-in simulator runs (or will start); null: its stored address. */
  private simulatorAddress: () => string | null = () => null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly opts: { simulatorPort?: number } = {},
  ) {
    this.ensureBuiltin();
  }

  onChange(listener: (list: ProfileList) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told by whoever runs the simulator: the built-in profile shows, and is, the simulator's address. */
  locateSimulator(address: () => string | null): void {
    this.simulatorAddress = address;
  }

  list(): ProfileList {
    const profiles = this.stored().map((p) => this.view(p));
    const active = this.settings.get<string>('activeProfileId');
    const activeId = profiles.some((p) => p.id === active) ? active! : (profiles[0]?.id ?? null);
    return { profiles, activeId };
  }

  save(input: z.input<typeof profileSaveArgsSchema>): ProfileView {
    const args = profileSaveArgsSchema.parse(input);
    const all = this.stored();
    let profile: StoredProfile;
    let wasBoundTo: string | null = null;
    if (args.id) {
      const existing = all.find((p) => p.id === args.id);
      if (!existing) throw new AppError('PROFILE_NOT_FOUND', `No profile with id '${args.id}'`, 'id');
      wasBoundTo = boundOrigin(existing);
      // The built-in profile's address is the simulator's (its port is set on the Simulator screen).
      profile = { ...existing, name: args.name, baseUrl: existing.builtin ? existing.baseUrl : args.baseUrl, authScheme: args.authScheme };
      all[all.indexOf(existing)] = profile;
    } else {
      profile = { id: this.newId(args.name, all), name: args.name, baseUrl: args.baseUrl, authScheme: args.authScheme, builtin: false };
      all.push(profile);
    }
    if (all.some((p) => p.id !== profile.id && p.name.toLowerCase() === profile.name.toLowerCase())) {
      throw new AppError('INVALID_ARGUMENT', `field 'name': expected a name not used by another profile ('${profile.name}' exists)`, 'name');
    }
    this.bindToken(profile, wasBoundTo, args);
    this.settings.set('profiles', all);
    if (!this.settings.get('activeProfileId')) this.settings.set('activeProfileId', profile.id);
    this.changed();
    return this.view(profile);
  }

  delete(id: string): ProfileList {
    const all = this.stored();
    const p = all.find((x) => x.id === id);
    if (!p) throw new AppError('PROFILE_NOT_FOUND', `No profile with id '${id}'`, 'id');
    if (p.builtin) throw new AppError('PROFILE_BUILTIN', `The built-in profile '${p.name}' cannot be deleted`, 'id');
    this.settings.set('profiles', all.filter((x) => x.id !== id));
    this.secrets.delete(id);
    if (this.settings.get('activeProfileId') === id) this.settings.set('activeProfileId', SIMULATOR_PROFILE_ID);
    this.changed();
    return this.list();
  }

  setActive(id: string): ProfileList {
    if (!this.stored().some((p) => p.id === id)) throw new AppError('PROFILE_NOT_FOUND', `No profile with id '${id}'`, 'id');
    this.settings.set('activeProfileId', id);
    this.changed();
    return this.list();
  }

  /** Main-process only: everything needed to call PSR with a profile (by id or name). Defaults to the active one. */
  credentials(idOrName?: string): Credentials {
    const wanted = idOrName ?? this.list().activeId;
    const p = this.stored().find((x) => x.id === wanted || x.name === idOrName);
    if (!p) throw new AppError('PROFILE_NOT_FOUND', `No profile '${wanted ?? ''}'`, 'profile');
    const baseUrl = this.addressOf(p);
    const token = this.usableToken(p);
    return { profileId: p.id, profileName: p.name, baseUrl, authScheme: p.authScheme, token, tokenOrigin: token ? originOf(baseUrl) : null };
  }

  /** Every token, so loggers and exports can scrub them. */
  allTokens(): string[] {
    return this.stored()
      .map((p) => this.secrets.get(p.id))
      .filter((t): t is string => typeof t === 'string' && t.length > 0);
  }

  /**
   * After a save: a new token is bound to the profile's origin; no new token and another origin clears
   * the stored one (it was given for the old server). The built-in profile's token is the simulator's.
   */
  private bindToken(profile: StoredProfile, wasBoundTo: string | null, args: { token?: string | undefined; clearToken?: boolean | undefined }): void {
    const origin = originOf(profile.baseUrl);
    const newToken = args.token !== undefined && args.token !== '' ? args.token : null;
    const keep = !args.clearToken && (newToken !== null || profile.builtin || (wasBoundTo !== null && wasBoundTo === origin));
    if (!keep) {
      this.secrets.delete(profile.id);
      delete profile.tokenOrigin;
      return;
    }
    if (newToken !== null) this.secrets.set(profile.id, newToken);
    if (origin) profile.tokenOrigin = origin;
  }

  /** The address requests of this profile go to: for the built-in one, where the simulator runs. */
  private addressOf(p: StoredProfile): string {
    return p.builtin ? (this.simulatorAddress() ?? p.baseUrl) : p.baseUrl;
  }

  /** The stored token, when it may be sent to the profile's address (always, for the simulator's own). */
  private usableToken(p: StoredProfile): string | undefined {
    const token = this.secrets.get(p.id);
    if (!token) return undefined;
    return p.builtin || boundOrigin(p) === originOf(p.baseUrl) ? token : undefined;
  }

  private view(p: StoredProfile): ProfileView {
    const token = this.usableToken(p);
    return {
      id: p.id,
      name: p.name,
      baseUrl: this.addressOf(p),
      authScheme: p.authScheme,
      builtin: p.builtin,
      tokenSet: !!token,
      tokenLast4: token ? last4(token) || null : null,
    };
  }

  private stored(): StoredProfile[] {
    const raw = this.settings.get<unknown[]>('profiles') ?? [];
    const out: StoredProfile[] = [];
    for (const r of Array.isArray(raw) ? raw : []) {
      const parsed = storedProfileSchema.safeParse(r);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }

  private ensureBuiltin(): void {
    const all = this.stored();
    const port = this.opts.simulatorPort ?? DEFAULT_SIMULATOR_PORT;
    if (!all.some((p) => p.id === SIMULATOR_PROFILE_ID)) {
      all.unshift({
        id: SIMULATOR_PROFILE_ID,
        name: 'Offline simulator',
        baseUrl: `http://127.0.0.1:${port}`,
        authScheme: 'bearer',
        builtin: true,
      });
      this.settings.set('profiles', all);
      if (!this.settings.get('activeProfileId')) this.settings.set('activeProfileId', SIMULATOR_PROFILE_ID);
    }
    if (!this.secrets.get(SIMULATOR_PROFILE_ID)) this.secrets.set(SIMULATOR_PROFILE_ID, `sim-${randomBytes(12).toString('hex')}`);
  }

  private newId(name: string, all: StoredProfile[]): string {
    const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'profile';
    let id = base;
    for (let i = 2; all.some((p) => p.id === id); i++) id = `${base}-${i}`;
    return id;
  }

  private changed(): void {
    const list = this.list();
    for (const l of this.listeners) l(list);
  }
}
