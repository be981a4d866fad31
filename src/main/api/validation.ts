// Turns zod issues into one readable sentence naming the field and what was expected.
import type { z } from 'zod';

export function describeIssues(callName: string, error: z.ZodError): { message: string; field?: string } {
  const first = error.issues[0];
  if (!first) return { message: `${callName}: invalid arguments` };
  const field = first.path.map(String).join('.');
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? `field '${issue.path.map(String).join('.')}'` : 'arguments';
    return `${where}: expected ${expectation(issue)}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return { message: `${callName}: ${parts.join('; ')}${more}`, field: field || undefined };
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
