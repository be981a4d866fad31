// The Vietnamese catalogue speaks with one voice: every term in docs/glossary.md is used, and the
// variants the glossary bans appear in no Vietnamese string.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const viDir = path.join(root, 'src/renderer/src/i18n/locales/vi');

interface Term {
  en: string;
  vi: string;
  banned: string[];
}

function glossary(): Term[] {
  const text = fs.readFileSync(path.join(root, 'docs/glossary.md'), 'utf8');
  const rows = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| English'));
  return rows.map((row) => {
    const [en = '', vi = '', banned = ''] = row.split('|').slice(1, -1).map((c) => c.trim());
    return { en, vi, banned: banned.split(',').map((b) => b.trim()).filter(Boolean) };
  });
}

function flatten(obj: unknown, prefix = ''): [string, string][] {
  if (typeof obj === 'string') return [[prefix, obj]];
  if (!obj || typeof obj !== 'object') return [];
  return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function viStrings(): [string, string][] {
  return fs
    .readdirSync(viDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => flatten(JSON.parse(fs.readFileSync(path.join(viDir, f), 'utf8'))).map(([k, v]): [string, string] => [`${f}:${k}`, v]));
}

/** Whole-word, case-insensitive match that understands Vietnamese letters. */
export function usesTerm(text: string, term: string): boolean {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

describe('glossary', () => {
  const terms = glossary();

  it('is a table of at least the core terms', () => {
    const en = terms.map((t) => t.en.split(' (')[0]);
    for (const core of ['endpoint', 'simulator', 'leg (one side of the call: A or B)'.split(' (')[0]!, 'extension', 'token', 'profile', 'recording']) {
      expect(en).toContain(core);
    }
  });

  it('the matcher sees whole words only, with Vietnamese letters', () => {
    expect(usesTerm('Chân B (người được gọi)', 'chân B')).toBe(true);
    expect(usesTerm('Số máy nhánh', 'máy nhánh')).toBe(true);
    expect(usesTerm('hai nhánh', 'máy nhánh')).toBe(false);
    expect(usesTerm('Trình giả lập ngoại tuyến', 'giả lập')).toBe(true);
  });

  it('no Vietnamese string uses a banned variant', () => {
    const problems: string[] = [];
    for (const [key, text] of viStrings()) {
      for (const term of terms) {
        for (const b of term.banned) if (usesTerm(text, b)) problems.push(`${key}: “${b}” → use “${term.vi}” (${text.slice(0, 80)})`);
      }
    }
    expect(problems).toEqual([]);
  });
});
