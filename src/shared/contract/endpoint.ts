// Contract of the "endpoint" domain. Owned by the endpoint work; see src/shared/contract/index.ts.
import type { CallSpec, EventSpec } from './define';

export const endpointCalls = {} satisfies Record<string, CallSpec>;
export const endpointEvents = {} satisfies Record<string, EventSpec>;
