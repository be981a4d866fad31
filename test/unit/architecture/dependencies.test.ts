// Dependencies point one way: no import cycles; the simulator (PSR's stand-in) never reaches into
// the bot side; src/shared stays pure; only the stream protocol module parses or builds frames.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cycles, graph, rel, root, sourceFiles } from './source-graph';

const g = graph();

describe('import graph of src/', () => {
  it('has no import cycle', () => {
    expect(cycles(g)).toEqual([]);
  });

  it('the simulator imports neither the endpoint, the demo bot nor the demo', () => {
    const bad = [...g.values()].flat().filter((e) => e.from.startsWith('src/main/simulator/') && e.to && /^src\/main\/(endpoint|demo-bot|demo)\//.test(e.to));
    expect(bad).toEqual([]);
  });

  it('the endpoint and the demo bot import neither the simulator nor the demo', () => {
    const bad = [...g.values()].flat().filter((e) => /^src\/main\/(endpoint|demo-bot)\//.test(e.from) && e.to && /^src\/main\/(simulator|demo)\//.test(e.to));
    expect(bad).toEqual([]);
  });

  it('the stream protocol module is pure: no Node, no packages, nothing outside src/shared', () => {
    const bad = [...g.values()].flat().filter((e) => e.from.startsWith('src/shared/psr-stream/') && (e.to === null || !e.to.startsWith('src/shared/')));
    expect(bad).toEqual([]);
  });
});

// ---- frames are parsed and built in one place ----------------------------------------------------

const STREAM_EVENTS = new Set(['connected', 'media', 'closed', 'chunk', 'transfer', 'tranfer', 'hangup']);
const PROTOCOL_HOMES = ['src/shared/psr-stream/', 'src/main/psr-stream/'];

/** Places in a file that build or take apart stream frames by hand. */
export function frameHandling(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (n: ts.Node) => `${path.basename(file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const nameOf = (n: ts.PropertyName | ts.MemberName): string | null => (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n) ? n.text : null);
  const visit = (n: ts.Node): void => {
    // { event: 'media', … } — a frame built by hand.
    if (ts.isPropertyAssignment(n) && nameOf(n.name) === 'event' && ts.isStringLiteralLike(n.initializer) && STREAM_EVENTS.has(n.initializer.text)) {
      found.push(`${where(n)} builds an '${n.initializer.text}' frame`);
    }
    // x.media.payload / x.media?.payload, { is_sync }, 'tranfer' — a frame read by hand.
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && ts.isPropertyAccessExpression(n) && n.name.text === 'payload') {
      const obj = n.expression;
      if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'media') found.push(`${where(n)} reads media.payload`);
    }
    if ((ts.isPropertyAssignment(n) || ts.isPropertyAccessExpression(n)) && ts.isPropertyAccessExpression(n) ? n.name.text === 'is_sync' : ts.isPropertyAssignment(n) && nameOf(n.name) === 'is_sync') {
      found.push(`${where(n)} uses is_sync`);
    }
    if (ts.isStringLiteralLike(n) && n.text === 'tranfer') found.push(`${where(n)} spells 'tranfer'`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('the stream protocol module is the only code that parses or builds frames', () => {
  it('no file outside it builds or reads frames by hand', () => {
    const offenders = sourceFiles()
      .filter((f) => !PROTOCOL_HOMES.some((h) => rel(f).startsWith(h)))
      .flatMap((f) => frameHandling(f));
    expect(offenders).toEqual([]);
  });

  it('the check finds hand-made frames (fixture)', () => {
    const fixture = path.join(root, 'test/fixtures/lint/hand-made-frame.ts');
    expect(frameHandling(fixture)).toEqual([
      "hand-made-frame.ts:4 builds an 'media' frame",
      'hand-made-frame.ts:4 uses is_sync',
      'hand-made-frame.ts:7 reads media.payload',
      "hand-made-frame.ts:8 spells 'tranfer'",
    ]);
  });
});

describe('the graph itself', () => {
  it('resolves relative imports to files, and finds a cycle when there is one', () => {
    const edges = [...g.values()].flat();
    expect(edges.filter((e) => e.specifier.startsWith('.') && !e.specifier.endsWith('.css') && e.to === null)).toEqual([]);
    expect(edges.filter((e) => e.to !== null).length).toBeGreaterThan(300);
    const e = (from: string, to: string) => ({ from, specifier: to, to });
    const fake = new Map([
      ['a', [e('a', 'b')]],
      ['b', [e('b', 'c')]],
      ['c', [e('c', 'a')]],
      ['d', [e('d', 'a')]],
    ]);
    expect(cycles(fake)).toEqual([['a', 'b', 'c']]);
  });
});
