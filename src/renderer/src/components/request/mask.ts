// Presenter mode for this screen: hide the request's phone numbers/extensions in any text shown.
import { maskKnown } from '../../../../shared/mask';

export { maskKnown };
