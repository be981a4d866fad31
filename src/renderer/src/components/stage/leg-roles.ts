// What each leg is, in words a customer understands: app=bot → leg A is the bot, leg B the caller;
// app=dial → leg A is the extension, leg B the destination. Unknown app → the neutral leg names.
import type { Leg } from '../../../../shared/contract/live';

export type CallApp = 'bot' | 'dial';

/** Key in the stage namespace naming the leg's role. */
export function legRoleKey(leg: Leg, app: CallApp | null): string {
  if (leg === 'botOut') return 'role.botOut';
  if (app === 'bot') return leg === 'A' ? 'role.bot' : 'role.caller';
  if (app === 'dial') return leg === 'A' ? 'role.extension' : 'role.destination';
  return leg === 'A' ? 'role.legA' : 'role.legB';
}
