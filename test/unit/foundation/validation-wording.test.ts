// Argument errors read "field 'x': expected <what>, got <what>" in plain words, for every call, and
// stay short whatever the input: zod's own phrasing ("too big: expected number to be <=1000",
// "invalid input") never reaches the user, and unknown keys are named only a few at a time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../../src/main/api/validation';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { callNames, contract } from '../../../src/shared/contract';

let dir: string;
let services: ReturnType<typeof createNodeAppServices>;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-wording-'));
  services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
});
afterAll(async () => {
  await services.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** zod's default phrasing, which must never be the expectation. */
const ZOD_WORDING = /expected (too|invalid|input)|Invalid (input|option|discriminator)|Too (big|small)|<=|>=|Unrecognized key/i;
const SENTENCE = /(field '[^']+'|arguments): expected .+, got .+/;

async function errorOf(call: string, args: unknown): Promise<{ code: string; message: string; field?: string }> {
  const r = await services.dispatcher.dispatch(call, args);
  if (r.ok) throw new Error(`${call} accepted ${JSON.stringify(args).slice(0, 80)}`);
  return r.error;
}

/** The message as worded with the input at hand (what a caller that passes its input gets). */
function worded(call: keyof typeof contract.calls, args: unknown): string {
  const r = contract.calls[call].args.safeParse(args);
  if (r.success) throw new Error(`${call} accepted the arguments`);
  return describeIssues(call, r.error, { input: args }).message;
}

describe('argument errors through the dispatcher', () => {
  it('words number bounds, unions and discriminators in plain words', async () => {
    expect((await errorOf('psr:history', { limit: 1e9 })).message).toBe("psr:history: field 'limit': expected a number at most 1000, got a larger number");
    expect((await errorOf('calls:replay', { callId: 'x', speed: 0.1 })).message).toBe("calls:replay: field 'speed': expected a number at least 0.25, got a smaller number");
    for (const call of ['endpoint:inspectAudio', 'endpoint:sendMedia', 'endpoint:streamChunks', 'endpoint:setGreeting']) {
      const e = await errorOf(call, { callId: 'c1', file: 5 });
      expect(e.field, call).toBe('file');
      expect(e.message, call).toMatch(/field 'file': expected an object \{path\} or an object \{name, base64\}(, or null)?, got /);
    }
    const bot = await errorOf('tests:run', { files: ['/x.yaml'], bot: { kind: 'zzz' } });
    expect(bot).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'bot.kind' });
    expect(bot.message).toBe(`tests:run: field 'bot.kind': expected one of "url", "demo", "upstream", got another value`);
  });

  it('never passes zod’s own phrasing on, for bad arguments to any call', async () => {
    const bad: unknown[] = ['garbage', { '': 1 }, { limit: -1, callId: 5, file: {}, name: 7, id: [] }];
    for (const name of callNames) {
      for (const args of bad) {
        const r = await services.dispatcher.dispatch(name, args);
        if (r.ok) continue;
        expect(r.error.code, name).toBe('INVALID_ARGUMENT');
        expect(r.error.message, `${name}: ${r.error.message}`).toMatch(SENTENCE);
        expect(r.error.message, `${name}: ${r.error.message}`).not.toMatch(ZOD_WORDING);
      }
    }
  });
});

describe('argument errors worded with the input', () => {
  it('says what was got: the number, the length of a string, the keys of an object', () => {
    expect(worded('psr:history', { limit: 5000 })).toBe("psr:history: field 'limit': expected a number at most 1000, got 5000");
    expect(worded('live:listen', { callId: 'x'.repeat(300), on: true })).toBe("live:listen: field 'callId': expected a call id of at most 200 characters, got a string of 300 characters");
    expect(worded('app:setPrefs', { language: 'fr' })).toBe(`app:setPrefs: field 'language': expected one of "en", "vi", got "fr"`);
    expect(worded('endpoint:inspectAudio', { file: {} })).toBe("endpoint:inspectAudio: field 'file': expected an object {path} or an object {name, base64}, got an empty object");
    expect(worded('tests:run', { files: ['/x.yaml'], bot: {} })).toBe(`tests:run: field 'bot.kind': expected one of "url", "demo", "upstream", got nothing (the field is missing)`);
  });

  it('says "nothing" for absent arguments, and words even an issue it does not know without throwing', async () => {
    expect((await errorOf('calls:get', undefined)).message).toBe('calls:get: arguments: expected an object, got nothing');
    const odd = new z.ZodError([{ code: 'invalid_union', errors: null, path: ['x'], message: 'Invalid input' } as unknown as z.core.$ZodIssue]);
    expect(describeIssues('x:y', odd).message).toBe("x:y: field 'x': expected a valid value (Invalid input)");
  });

  it('never repeats a secret field’s text', () => {
    const schema = z.object({ token: z.string().regex(/^[a-z]+$/, 'a token of lowercase letters') }).strict();
    const r = schema.safeParse({ token: 'SECRET-123' });
    expect(describeIssues('x', r.error!, { input: { token: 'SECRET-123' }, schema }).message).toBe("x: field 'token': expected a token of lowercase letters, got a string of 10 characters");
  });
});

describe('unknown keys', () => {
  it('names at most five, each cut to 40 characters, however many and however long', async () => {
    const huge = 'k'.repeat(10 * 1024 * 1024);
    const one = await errorOf('app:info', { [huge]: 1 });
    expect(one.message).toBe(`app:info: arguments: expected only known keys, got an unknown key '${'k'.repeat(39)}…'`);
    const many = await errorOf('app:info', Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`key${i}`, i])));
    expect(many.message).toBe("app:info: arguments: expected only known keys, got unknown keys 'key0', 'key1', 'key2', 'key3', 'key4' and 199995 more");
  });

  it('refuses a misspelt campaign setting by name instead of using the default', async () => {
    const e = await errorOf('campaign:start', { bot: 'ws://127.0.0.1:1', scenario: '/nonexistent.yaml', conncurrency: 5 });
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(e.message).toBe("campaign:start: arguments: expected only known keys, got an unknown key 'conncurrency'");
    const burst = await errorOf('campaign:start', { bot: 'ws://127.0.0.1:1', scenario: '/x.yaml', burst: { everyMs: 1000, holdMs: 100, hold: 1 } });
    expect(burst).toMatchObject({ field: 'burst' });
  });
});

describe('base64 fields', () => {
  it('refuses text outside base64 in an inline audio file, like every other base64 field', async () => {
    const e = await errorOf('endpoint:sendMedia', { callId: 'c1', file: { name: 'a.wav', base64: '!!!' } });
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'file.base64' });
    expect(e.message).toBe("endpoint:sendMedia: field 'file.base64': expected base64 text, got text that does not match");
    expect(contract.calls['endpoint:inspectAudio'].args.safeParse({ file: { name: 'a.wav', base64: 'UklGRg==' } }).success).toBe(true);
  });
});
