// The lint rule that keeps code where it may run: it must fail on a deliberate violation.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function lintAs(fixture: string, pretendPath: string) {
  const code = fs.readFileSync(path.join(root, 'test/fixtures/lint', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(root, pretendPath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'boundaries/layers');
}

describe('where-code-runs lint rule', () => {
  it('fails on import of electron in a main-process service', async () => {
    const msgs = await lintAs('electron-in-service.ts', 'src/main/endpoint/fake-service.ts');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.message).toContain('Only src/main/electron/');
  });

  it('allows electron inside src/main/electron/', async () => {
    expect(await lintAs('electron-in-service.ts', 'src/main/electron/fake-glue.ts')).toHaveLength(0);
  });

  it('fails on Node built-ins and electron in the renderer and in src/shared', async () => {
    expect(await lintAs('node-in-renderer.tsx', 'src/renderer/src/components/Fake.tsx')).toHaveLength(1);
    expect(await lintAs('node-in-renderer.tsx', 'src/shared/audio/fake.ts')).toHaveLength(1);
    expect(await lintAs('electron-in-service.ts', 'src/renderer/src/fake.ts')).toHaveLength(1);
  });

  it('fails on Node-only npm packages in the renderer and in src/shared, allows them in src/main', async () => {
    expect(await lintAs('ws-in-renderer.ts', 'src/renderer/src/fake.ts')).toHaveLength(1);
    expect(await lintAs('ws-in-renderer.ts', 'src/shared/psr-stream/fake.ts')).toHaveLength(1);
    expect(await lintAs('ws-in-renderer.ts', 'src/main/endpoint/fake.ts')).toHaveLength(0);
  });

  it('fails on relative imports across shared / main / renderer / preload', async () => {
    const shared = await lintAs('shared-imports-main.ts', 'src/shared/audio/fake.ts');
    expect(shared).toHaveLength(1);
    expect(shared[0]!.message).toContain('src/shared may not import src/main');
    const renderer = await lintAs('renderer-into-main.tsx', 'src/renderer/src/components/Fake.tsx');
    expect(renderer).toHaveLength(1);
    expect(renderer[0]!.message).toContain('src/renderer may not import src/main');
    expect(await lintAs('main-into-renderer.ts', 'src/main/endpoint/fake.ts')).toHaveLength(1);
    // The same import is fine where it stays inside its layer.
    expect(await lintAs('shared-imports-main.ts', 'src/main/endpoint/fake.ts')).toHaveLength(0);
  });
});
