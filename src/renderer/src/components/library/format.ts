import type { TFunction } from 'i18next';
import type { Leg } from '../../../../shared/contract/live';

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatLegs(legs: readonly Leg[], t: TFunction): string {
  return legs.length ? legs.map((l) => t(`leg.${l}`)).join(', ') : '—';
}
