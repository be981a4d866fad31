// Turns zod issues into one readable sentence naming the field and what was expected.
import type { ErrorParams } from '../../shared/errors';
import type { z } from 'zod';

export function describeIssues(callName: string, error: z.ZodError): { message: string; field?: string; params?: ErrorParams } {
  const first = error.issues[0];
  if (!first) return { message: `${callName}: invalid arguments`, params: {} };
  const field = first.path.map(String).join('.');
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? `field '${issue.path.map(String).join('.')}'` : 'arguments';
    return `${where}: expected ${expectation(issue)}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return { message: `${callName}: ${parts.join('; ')}${more}`, field: field || undefined, params: { ...issueParams(first), more: Math.max(0, error.issues.length - 1) } };
}

const SIZED = new Set(['string', 'number', 'int', 'bigint', 'array', 'set', 'file']);

/** What the first issue expected, as values the renderer words in the UI language (`context` picks the sentence). */
function issueParams(issue: z.core.$ZodIssue): ErrorParams {
  switch (issue.code) {
    case 'invalid_type':
      return { context: 'type', expected: String(issue.expected) };
    case 'invalid_value':
      return { context: 'value', expected: issue.values.map((v) => JSON.stringify(v)).join(', ').slice(0, 200) };
    case 'unrecognized_keys':
      return { context: 'keys', keys: issue.keys.join(', ').slice(0, 200) };
    case 'too_small':
    case 'too_big': {
      const origin = SIZED.has(issue.origin) ? (issue.origin === 'int' || issue.origin === 'bigint' ? 'number' : issue.origin === 'set' ? 'array' : issue.origin) : 'number';
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      return { context: `${issue.code === 'too_small' ? 'small' : 'big'}_${origin}`, limit };
    }
    case 'invalid_format':
      return { context: 'format', format: String(issue.format) };
    default:
      // A schema's own sentence (English): shown as quoted text from the service.
      return { context: 'custom', foreign: issue.message };
  }
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `no unknown keys (got ${issue.keys.map((k) => `'${k}'`).join(', ')})`;
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
    default: {
      // Our schemas phrase their messages as the expectation ("a name (1–60 characters)").
      const m = issue.message;
      return m.startsWith('Invalid') || m.startsWith('Too') ? m.toLowerCase() : m;
    }
  }
}
