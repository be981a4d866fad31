// Turns zod issues into readable sentences, one per issue: "field 'x': expected <what>, got <what>".
// What was expected comes from the schema's own wording when it has one ("a call id of at most 200
// characters"), otherwise from the issue in plain words; what was got comes from the input when the
// caller passes it, otherwise from the issue. Every part is bounded: a hostile input (a 10 MB key,
// 200 000 unknown keys) never makes a long message.
import { z } from 'zod';
import { contract, isCallName } from '../../shared/contract';
import type { ErrorParams } from '../../shared/errors';

/** Issues worded in one message; the rest are counted. */
const MAX_ISSUES = 3;
/** Keys, values and alternatives named in one sentence; the rest are counted. */
const MAX_LISTED = 5;
/** Characters of one key, value or pattern quoted in a message. */
const MAX_QUOTED_CHARS = 40;
/** A message never exceeds this, whatever the schema's own wording. */
const MAX_MESSAGE_CHARS = 2000;

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;
/** The arguments as sent, and the schema they were checked against (the call's, when not given). */
export interface IssueSource {
  input?: unknown;
  schema?: Schema;
}

export function describeIssues(callName: string, error: z.ZodError, source: IssueSource = {}): { message: string; field?: string; params?: ErrorParams } {
  const first = error.issues[0];
  if (!first) return { message: `${callName}: invalid arguments`, params: {} };
  const schema = source.schema ?? (isCallName(callName) ? contract.calls[callName].args : undefined);
  const hasInput = 'input' in source;
  const parts = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.path.length ? `field '${pathText(issue.path)}'` : 'arguments';
    const at = hasInput ? valueAt(source.input, issue.path) : undefined;
    return `${where}: ${sentence(issue, schema, at)}`;
  });
  const more = error.issues.length > MAX_ISSUES ? ` (and ${error.issues.length - MAX_ISSUES} more)` : '';
  const field = pathText(first.path);
  return {
    message: cut(`${callName}: ${parts.join('; ')}${more}`, MAX_MESSAGE_CHARS),
    field: field || undefined,
    params: { ...safely(() => issueParams(first, schema), { context: 'custom', foreign: cut(first.message, 200) }), more: Math.max(0, error.issues.length - 1) },
  };
}

/** "expected <what>, got <what>". */
function sentence(issue: Issue, schema: Schema | undefined, at: { value: unknown } | undefined): string {
  return safely(() => `expected ${expectation(issue, schema)}, got ${got(issue, at)}`, `expected a valid value (${cut(issue.message, 200)})`);
}

/** Wording must never cost more than the request: an issue shaped in a way not foreseen here falls back to zod's text. */
function safely<T>(word: () => T, fallback: T): T {
  try {
    return word();
  } catch {
    return fallback;
  }
}

const SIZED = new Set(['string', 'number', 'int', 'bigint', 'array', 'set', 'file']);

/** What the first issue expected, as values the renderer words in the UI language (`context` picks the sentence). */
function issueParams(issue: Issue, schema: Schema | undefined): ErrorParams {
  switch (issue.code) {
    case 'invalid_type':
      return { context: 'type', expected: String(issue.expected) };
    case 'invalid_value':
      return { context: 'value', expected: listed(issue.values.map(valueText)) };
    case 'unrecognized_keys':
      return { context: 'keys', keys: listed(issue.keys.map(quoted)) };
    case 'too_small':
    case 'too_big': {
      const origin = SIZED.has(issue.origin) ? (issue.origin === 'int' || issue.origin === 'bigint' ? 'number' : issue.origin === 'set' ? 'array' : issue.origin) : 'number';
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      return { context: `${issue.code === 'too_small' ? 'small' : 'big'}_${origin}`, limit };
    }
    case 'invalid_format':
      return { context: 'format', format: String(issue.format) };
    case 'invalid_union': {
      const options = discriminatorOptions(issue);
      return options ? { context: 'value', expected: listed(options.map(valueText)) } : { context: 'custom', foreign: expectation(issue, schema) };
    }
    default:
      // A schema's own sentence (English): shown as quoted text from the service.
      return { context: 'custom', foreign: ownWords(issue.message) ?? expectation(issue, schema) };
  }
}

/** The schema's own wording of what it expects, or null when the message is zod's default. */
function ownWords(message: string): string | null {
  if (/^(Invalid|Too (big|small)|Unrecognized key|Input not instance)/.test(message)) return null;
  return message.replace(/^expected /i, '');
}

function expectation(issue: Issue, schema: Schema | undefined): string {
  if (issue.code === 'unrecognized_keys') return 'only known keys';
  const own = ownWords(issue.message);
  if (own !== null) return own;
  switch (issue.code) {
    case 'invalid_type':
      return typeWords(String(issue.expected));
    case 'invalid_value':
      return issue.values.length === 1 ? valueText(issue.values[0]) : `one of ${listed(issue.values.map(valueText))}`;
    case 'too_small':
    case 'too_big':
      return boundWords(issue);
    case 'invalid_format':
      return formatWords(issue);
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'invalid_union': {
      const options = discriminatorOptions(issue);
      return options ? `one of ${listed(options.map(valueText))}` : unionWords(issue, schema);
    }
    case 'invalid_key':
      return `keys that are ${issue.issues[0] ? expectation(issue.issues[0], undefined) : 'valid'}`;
    case 'invalid_element':
      return `items that are ${issue.issues[0] ? expectation(issue.issues[0], undefined) : 'valid'}`;
    default: {
      const instance = /^Input not instance of (\w+)/.exec(issue.message);
      return instance ? `binary data (${instance[1]})` : 'a valid value';
    }
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
  undefined: 'nothing',
  void: 'nothing',
  date: 'a date',
  file: 'a file',
  nan: 'NaN',
};
const typeWords = (t: string): string => (Object.hasOwn(TYPE_WORDS, t) ? TYPE_WORDS[t]! : `a value of type ${cut(t, MAX_QUOTED_CHARS)}`);

function boundWords(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const limit = String(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const n = Number(limit);
  const bound = issue.exact ? `exactly ${limit}` : issue.inclusive === false ? `${big ? 'less' : 'more'} than ${limit}` : `at ${big ? 'most' : 'least'} ${limit}`;
  switch (issue.origin) {
    case 'string':
      return `a string of ${bound} character${n === 1 ? '' : 's'}`;
    case 'array':
    case 'set':
      return `a list of ${bound} item${n === 1 ? '' : 's'}`;
    case 'file':
      return `a file of ${bound} byte${n === 1 ? '' : 's'}`;
    case 'int':
    case 'bigint':
      return `a whole number ${bound}`;
    case 'date':
      return `a date ${big ? 'no later' : 'no earlier'} than ${Number.isFinite(n) ? new Date(n).toISOString() : limit}`;
    default:
      return `a number ${bound}`;
  }
}

function formatWords(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const extra = issue as { pattern?: string; prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case 'regex':
      return `text matching ${cut(String(extra.pattern), 80)}`;
    case 'starts_with':
      return `text starting with ${valueText(extra.prefix)}`;
    case 'ends_with':
      return `text ending with ${valueText(extra.suffix)}`;
    case 'includes':
      return `text containing ${valueText(extra.includes)}`;
    case 'email':
      return 'an email address';
    case 'url':
      return 'a URL';
    case 'base64':
      return 'base64 text';
    case 'json_string':
      return 'JSON text';
    default:
      return `text in the ${cut(String(issue.format), MAX_QUOTED_CHARS)} format`;
  }
}

/** The values a discriminated union allows, when the issue is its discriminator matching none. */
const discriminatorOptions = (issue: z.core.$ZodIssueInvalidUnion): unknown[] | undefined => ('options' in issue && Array.isArray(issue.options) ? issue.options : undefined);

/** A union's alternatives in words: from the schema when it is found at the issue's path, else from each branch's issues. */
function unionWords(issue: z.core.$ZodIssueInvalidUnion, schema: Schema | undefined): string {
  const node = schema ? schemaAt(schema, issue.path) : undefined;
  const def = node?.schema._zod.def as { type: string; options?: Schema[] } | undefined;
  if (node && def?.type === 'union' && def.options?.length === issue.errors.length) {
    const words = oneOf(def.options.map(schemaWords));
    return node.nullable ? `${words}, or null` : words;
  }
  if (issue.errors.length === 0) return 'exactly one of its alternatives';
  return oneOf(issue.errors.map(branchWords));
}

function branchWords(issues: Issue[]): string {
  const root = issues.find((i) => i.path.length === 0 && i.code === 'invalid_type');
  if (root && root.code === 'invalid_type') return typeWords(String(root.expected));
  const keys = [...new Set(issues.filter((i) => i.path.length > 0).map((i) => String(i.path[0])))];
  return keys.length ? `an object {${listed(keys.map((k) => cut(k, MAX_QUOTED_CHARS)))}}` : 'another form';
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: Schema): Def => s._zod.def as unknown as Def;
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

/** Optional, default, pipe and lazy wrappers removed; `nullable` says whether null was allowed on the way. */
function unwrap(schema: Schema): { schema: Schema; nullable: boolean } {
  let s = schema;
  let nullable = false;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(s);
    if (def.type === 'nullable') nullable = true;
    if (WRAPPERS.has(def.type) || def.type === 'nullable') s = def.innerType as Schema;
    else if (def.type === 'pipe') s = def.in as Schema;
    else if (def.type === 'lazy') s = (def.getter as () => Schema)();
    else break;
  }
  return { schema: s, nullable };
}

function schemaAt(schema: Schema, path: PropertyKey[]): { schema: Schema; nullable: boolean } | undefined {
  let node = unwrap(schema);
  for (const key of path) {
    const def = defOf(node.schema);
    let next: Schema | undefined;
    if (def.type === 'object') {
      const shape = def.shape as Record<string, Schema>;
      next = Object.hasOwn(shape, String(key)) ? shape[String(key)] : undefined;
    } else if (def.type === 'array') next = def.element as Schema;
    else if (def.type === 'record') next = def.valueType as Schema;
    if (!next) return undefined;
    node = unwrap(next);
  }
  return node;
}

/** One alternative of a union in words: its description (`.describe()`) and, for an object, its keys. */
function schemaWords(schema: Schema): string {
  const { schema: s, nullable } = unwrap(schema);
  const description = z.globalRegistry.get(s)?.description;
  const def = defOf(s);
  let words: string;
  if (def.type === 'object') {
    const shape = def.shape as Record<string, Schema>;
    const keys = Object.keys(shape).map((k) => (shape[k]!._zod.optin === 'optional' ? `${k}?` : k));
    words = `${description ?? 'an object'} {${listed(keys)}}`;
  } else if (description) words = description;
  else if (def.type === 'literal') words = oneOf((def.values as unknown[]).map(valueText));
  else if (def.type === 'enum') words = `one of ${listed(Object.values(def.entries as object).map(valueText))}`;
  else words = typeWords(def.type);
  return nullable ? `${words} or null` : words;
}

/** What the input held where the issue is, in words. */
function got(issue: Issue, at: { value: unknown } | undefined): string {
  if (issue.code === 'unrecognized_keys') return `${issue.keys.length === 1 ? 'an unknown key' : 'unknown keys'} ${listed(issue.keys.map(quoted))}`;
  const field = String(issue.path[issue.path.length - 1] ?? '');
  const nothing = issue.path.length ? 'nothing (the field is missing)' : 'nothing';
  if (at) {
    if (at.value === undefined) return nothing;
    const sized = (issue.code === 'too_big' || issue.code === 'too_small') && typeof at.value === 'string';
    return sized ? lengthWords(at.value as string) : valueWords(at.value, field);
  }
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      return received === undefined || received === 'undefined' ? nothing : received === 'boolean' ? 'true or false' : typeWords(received);
    }
    case 'too_big':
    case 'too_small': {
      const more = issue.code === 'too_big';
      if (issue.origin === 'string') return more ? 'a longer string' : 'a shorter string';
      if (issue.origin === 'array' || issue.origin === 'set') return more ? 'more items' : 'fewer items';
      if (issue.origin === 'file') return more ? 'a larger file' : 'a smaller file';
      if (issue.origin === 'date') return more ? 'a later date' : 'an earlier date';
      return more ? 'a larger number' : 'a smaller number';
    }
    case 'invalid_union':
      return discriminatorOptions(issue) ? 'another value' : 'a value that matches none of them';
    case 'invalid_format':
      return 'text that does not match';
    default:
      return 'another value';
  }
}

/** The value at a path in the input, or undefined when the path leaves it. */
function valueAt(input: unknown, path: PropertyKey[]): { value: unknown } {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return { value: undefined };
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return { value: v };
}

/** Fields whose text is never repeated back in a message. */
const SECRET_FIELD = /token|secret|password|authorization|credential/i;

function valueWords(v: unknown, field: string): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') {
    if (v.length === 0 || v.length > MAX_QUOTED_CHARS || SECRET_FIELD.test(field) || hasControl(v)) return lengthWords(v);
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (v instanceof Uint8Array) return `${v.byteLength} bytes`;
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? 'an empty object' : `an object with ${keys.length === 1 ? 'the key' : 'the keys'} ${listed(keys.map(quoted))}`;
  }
  return `a ${typeof v}`;
}

const lengthWords = (s: string): string => (s.length === 0 ? 'an empty string' : `a string of ${s.length} character${s.length === 1 ? '' : 's'}`);

/** A path as its parts joined with dots (`steps.3.text`), each part bounded. */
const pathText = (path: PropertyKey[]): string => path.map((p) => cut(String(p), MAX_QUOTED_CHARS)).join('.');

/** The first MAX_LISTED items joined with commas, then how many more. */
function listed(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

/** Alternatives as "a, b or c" (at most MAX_LISTED named). */
function oneOf(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length === 1) return unique[0]!;
  if (unique.length > MAX_LISTED) return listed(unique);
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A key quoted, bounded and without control characters. */
const quoted = (key: string): string => `'${[...cut(key, MAX_QUOTED_CHARS)].map((c) => (isControl(c) ? '?' : c)).join('')}'`;

const isControl = (c: string): boolean => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
const hasControl = (s: string): boolean => [...s].some(isControl);

/** A literal value as JSON, bounded. */
function valueText(v: unknown): string {
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return JSON.stringify(cut(v, MAX_QUOTED_CHARS));
  return cut(JSON.stringify(v) ?? String(v), MAX_QUOTED_CHARS);
}
