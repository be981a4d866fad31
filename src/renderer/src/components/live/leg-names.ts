// The one place that names a call's legs. By role when the call's `app` is known (SPEC §5: app=bot —
// A is the bot's side, B the person called; app=dial — A the extension, B the destination), else
// "Leg A"/"Leg B". The full form ("Bot (A)") is for meters, timeline, listening, the library list and
// detail; the short form ("Bot") for the stage's large type. Which app a call runs: use-call-apps.ts.
import { useTranslation } from 'react-i18next';
import type { Leg } from '../../../../shared/contract/live';

export type CallApp = 'bot' | 'dial';
export type LegNameForm = 'full' | 'short';

/** The i18n key (with its namespace) naming a leg. */
export function legNameKey(leg: Leg, app: CallApp | null, form: LegNameForm = 'full'): string {
  if (leg === 'botOut' || !app) return `live:leg.${leg}`;
  return `live:${form === 'short' ? 'legRoleShort' : 'legRole'}.${app}.${leg}`;
}

/** Names for each leg, in the UI language: the same in meters, timeline, listening and the library. */
export function useLegNames(app: CallApp | null, form: LegNameForm = 'full'): (leg: Leg) => string {
  const { t } = useTranslation('live');
  return (leg) => t(legNameKey(leg, app, form));
}
