// Contract of the "calls" domain. Owned by the calls work; see src/shared/contract/index.ts.
import type { CallSpec, EventSpec } from './define';

export const callsCalls = {} satisfies Record<string, CallSpec>;
export const callsEvents = {} satisfies Record<string, EventSpec>;
