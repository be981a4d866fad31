// The call log format: one line per message (line.ts), its message codes (messages.ts) and the
// call's meta file (meta.ts). Pure: no Node, no DOM; used by the writer (endpoint) and the readers
// (call library, renderer).
export * from './line';
export * from './messages';
export * from './meta';
