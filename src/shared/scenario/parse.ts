// Scenario text (YAML, or JSON, which YAML reads too) → a validated Scenario, or an error naming the
// file, the line and the field. Pure: file reading and path resolution happen in src/main.
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors';
import { bareSteps, scenarioTopSchema, stepKinds, stepSchemas, type Scenario, type Step, type StepKind } from './schema';

export class ScenarioError extends AppError {
  constructor(
    code: 'SCENARIO_INVALID' | 'SCENARIO_SYNTAX' | 'SCENARIO_FILE_NOT_FOUND' | 'SCENARIO_AUDIO_INVALID' | 'TTS_UNAVAILABLE',
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    /** Dotted path of the field, e.g. steps[2].expect_reply.within_ms */
    fieldPath: string | undefined,
    readonly detail: string,
  ) {
    const where = line !== null ? `${file}:${line}${column !== null ? `:${column}` : ''}` : file;
    super(code, `${where}: ${fieldPath ? `field '${fieldPath}': ` : ''}${detail}`, fieldPath);
  }
}

type PathPart = string | number;

export function fieldName(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}
  /** The line/column of the deepest node that exists along `path`. */
  at(path: readonly PathPart[]): { line: number; column: number } | null {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = this.lines.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
      // A missing key inside a mapping: point at the mapping's key if the key exists without a value.
    }
    return null;
  }
}

function invalid(file: string, loc: Locator, path: PathPart[], detail: string): ScenarioError {
  const pos = loc.at(path);
  return new ScenarioError('SCENARIO_INVALID', file, pos?.line ?? null, pos?.column ?? null, fieldName(path), detail);
}

function fromZod(file: string, loc: Locator, base: PathPart[], error: z.ZodError): ScenarioError {
  const issue = error.issues[0]!;
  const path = [...base, ...(issue.path as PathPart[])];
  let detail = issue.message;
  if (issue.code === 'unrecognized_keys') detail = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; see docs/scenarios.md`;
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
  return invalid(file, loc, path, detail);
}

function parseStep(file: string, loc: Locator, index: number, raw: unknown): Step {
  const path: PathPart[] = ['steps', index];
  let kind: string;
  let value: unknown;
  if (typeof raw === 'string') {
    kind = raw;
    value = null;
    if (!(bareSteps as readonly string[]).includes(kind)) {
      if ((stepKinds as string[]).includes(kind)) throw invalid(file, loc, path, `step '${kind}' needs a value, e.g. '- ${kind}: …'`);
      throw invalid(file, loc, path, `expected a step (${stepKinds.join(', ')}), got '${kind.slice(0, 40)}'`);
    }
  } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const keys = Object.keys(raw);
    if (keys.length !== 1) throw invalid(file, loc, path, `expected one step per list item (a mapping with one key), got ${keys.length} keys${keys.length ? `: ${keys.join(', ')}` : ''}`);
    kind = keys[0]!;
    value = (raw as Record<string, unknown>)[kind];
  } else throw invalid(file, loc, path, `expected a step such as '- say: caller.wav'`);
  if (!(stepKinds as string[]).includes(kind)) throw invalid(file, loc, [...path, kind], `unknown step '${kind.slice(0, 40)}'; expected one of ${stepKinds.join(', ')}`);
  const schema = stepSchemas[kind as StepKind] as z.ZodType;
  const r = schema.safeParse(value === undefined ? null : value);
  if (!r.success) throw fromZod(file, loc, [...path, kind], r.error);
  const pos = loc.at(path);
  return { kind, value: r.data, line: pos?.line ?? null } as Step;
}

/** Parse and validate a scenario. `file` is only used in messages. Throws ScenarioError. */
export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new ScenarioError('SCENARIO_SYNTAX', file, pos?.line ?? null, pos?.col ?? null, undefined, e.message.split('\n')[0]!);
  }
  const loc = new Locator(doc, lines);
  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(file, loc, [], 'expected a mapping with name, call, steps and expect');
  const top = scenarioTopSchema.safeParse(raw);
  if (!top.success) throw fromZod(file, loc, [], top.error);
  const steps = top.data.steps.map((s, i) => parseStep(file, loc, i, s));
  return { name: top.data.name, ...(top.data.description ? { description: top.data.description } : {}), call: top.data.call, steps, expect: top.data.expect };
}
