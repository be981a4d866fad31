// Contract of the "simulator" domain. Owned by the simulator work; see src/shared/contract/index.ts.
import type { CallSpec, EventSpec } from './define';

export const simulatorCalls = {} satisfies Record<string, CallSpec>;
export const simulatorEvents = {} satisfies Record<string, EventSpec>;
