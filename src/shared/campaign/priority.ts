// The scheduling priority of a campaign's frame threads, as asked for (settings) and as got (status,
// report): the words the command line, the Campaign screen and the report share.

/** realtime: SCHED_FIFO where allowed; high: nice −10; normal: as the process runs. */
export const PRIORITY_MODES = ['realtime', 'high', 'normal'] as const;
export type PriorityMode = (typeof PRIORITY_MODES)[number];

/** Why a thread runs below what was asked: real-time refused (got nice −10), both refused, no thread ids, lowered when overloaded. */
export const PRIORITY_REASONS = ['realtime-refused', 'raise-refused', 'not-linux', 'overloaded'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];
