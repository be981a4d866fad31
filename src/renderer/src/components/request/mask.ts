// Presenter mode for this screen: hide the request's phone numbers/extensions in any text shown.
import { maskPhone } from '../../presenter';

/** Replace each known sensitive value (destination, extension) in `text` with its masked form. */
export function maskKnown(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) {
    const s = v.trim();
    if (s.length >= 2) out = out.split(s).join(maskPhone(s));
  }
  return out;
}
