// The bot-test scenario format: schema, parser, error codes. See docs/scenarios.md.
export * from './schema';
export * from './parse';
export * from './errors';
export * from './results';
export * from './step-messages';
