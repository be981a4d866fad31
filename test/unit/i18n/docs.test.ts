// The protocol page the UI and README cite lives in the repository and stays true to the code:
// every SPEC §5 assumption is written down, every error code it names exists, and nothing the user
// reads points outside the repository (users do not have ../shared).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allErrorCodes } from '../../../src/shared/error-catalog';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

describe('docs/psr-protocol.md', () => {
  const doc = read('docs/psr-protocol.md');

  it('writes down every assumption the console makes', () => {
    const assumptions = doc.slice(doc.indexOf('## Assumptions'));
    for (const question of ['stereo layout', 'chunk size', 'which legs are A and B', 'the dynamic query parameters', 'error responses', '`full_recording_url` vs `recording_url`', '`media` and `chunk` together', '`app=bot`, `is_silence=false`, no `audio_file`', '`transfer`', 'end of call']) {
      expect(assumptions, question).toContain(`| ${question}`);
    }
  });

  it('documents the three auth styles and the Test connection probe', () => {
    expect(doc).toContain('`Authorization: Bearer <token>`');
    expect(doc).toContain('`Authorization: Basic <token>`');
    expect(doc).toContain('`Authorization: <token>`');
    expect(doc).toContain('GET {base_url}/psr/v1/call/record/psr-console-test-<random UUID>.wav');
  });

  it('names only error codes that exist', () => {
    const named = [...doc.matchAll(/`([A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((c) => !(c in allErrorCodes))).toEqual([]);
  });
});

describe('what users read points inside the repository', () => {
  it('README and the UI catalogues cite docs/psr-protocol.md, never ../shared or SPEC §', () => {
    const readme = read('README.md');
    expect(readme).toContain('docs/psr-protocol.md');
    const locales = path.join(root, 'src/renderer/src/i18n/locales');
    const texts = [readme, ...['en', 'vi'].flatMap((l) => fs.readdirSync(path.join(locales, l)).map((f) => read(`src/renderer/src/i18n/locales/${l}/${f}`)))];
    for (const text of texts) {
      expect(text).not.toMatch(/\.\.\/shared|SPEC §/);
    }
  });

  it('README: one way to open the desktop app, and how long the CLI example call runs', () => {
    const readme = read('README.md');
    expect(readme).not.toMatch(/build first with `npm run build`/);
    expect(readme).toMatch(/until the simulator's call limit/);
  });
});
