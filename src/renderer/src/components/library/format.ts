import type { TFunction } from 'i18next';
import type { Leg } from '../../../../shared/contract/live';
import { legNameKey, type CallApp } from '../live/leg-names';

export { formatDuration } from '../../i18n/format';

/** The legs of a call, named by role when its app is known (the same names as the call's detail). */
export function formatLegs(legs: readonly Leg[], t: TFunction, app: CallApp | null = null): string {
  return legs.length ? legs.map((l) => t(legNameKey(l, app))).join(', ') : '—';
}
