import type { TFunction } from 'i18next';
import type { Leg } from '../../../../shared/contract/live';

export { formatDuration } from '../../i18n/format';

export function formatLegs(legs: readonly Leg[], t: TFunction): string {
  return legs.length ? legs.map((l) => t(`leg.${l}`)).join(', ') : '—';
}
