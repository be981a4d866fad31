// Contract of the "psr" domain. Owned by the psr work; see src/shared/contract/index.ts.
import type { CallSpec, EventSpec } from './define';

export const psrCalls = {} satisfies Record<string, CallSpec>;
export const psrEvents = {} satisfies Record<string, EventSpec>;
