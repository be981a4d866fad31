import type { DomainHandlers } from '../api/dispatcher';
import type { ProfilesService } from '../profiles/profiles-service';

export function profilesHandlers(
  profiles: ProfilesService,
): DomainHandlers<'profiles:list' | 'profiles:save' | 'profiles:delete' | 'profiles:setActive'> {
  return {
    'profiles:list': () => profiles.list(),
    'profiles:save': (args) => profiles.save(args),
    'profiles:delete': ({ id }) => profiles.delete(id),
    'profiles:setActive': ({ id }) => profiles.setActive(id),
  };
}
