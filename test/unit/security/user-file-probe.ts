// Runs in a child process (node --import tsx) for user-files.test.ts: reads files the user named
// through each place the console reads them and prints one JSON line per case as it finishes. Should
// a read block (a FIFO opened, /dev/zero read to the end), the test kills this process after its time
// limit and the cases it did not print fail, instead of the test run hanging.
// Usage: user-file-probe.ts '<json Probe>'
import { compileAll } from '../../../src/main/bot-tests/runner';
import { findScenarioFiles, loadScenarioFile } from '../../../src/main/bot-tests/load-scenario';
import { loadAudioFile } from '../../../src/main/endpoint/audio-source';
import { selfSignedTls, userTls } from '../../../src/main/endpoint/tls';
import { defaultConnectionOptions, httpExchange } from '../../../src/main/psr/http';

export type ProbeSite = 'helper' | 'helperSync' | 'caFile' | 'certPath' | 'keyPath' | 'keptCert' | 'audio' | 'testsRun' | 'scenarioWav' | 'scanFolder';

export interface ProbeCase {
  id: string;
  /** The path under test; for keptCert the data folder, for scenarioWav the scenario, for scanFolder the folder. */
  path: string;
}

export interface Probe {
  site: ProbeSite;
  cases: ProbeCase[];
  /** caFile: the https URL to request; certPath/keyPath: the other file of a good pair. */
  url?: string;
  goodCert?: string;
  goodKey?: string;
}

export interface ProbeResult {
  id: string;
  ms: number;
  /** Bytes read, or 1 for a success that reads no bytes (a request answered, a certificate loaded). */
  ok: number | null;
  name?: string;
  code?: string;
  field?: string;
  cause?: string;
  problem?: string;
  message?: string;
}

// Loaded only by the cases that use it directly, so the other sites run whatever the helper's state.
const helper = () => import('../../../src/main/io/user-file');

async function run(p: Probe, c: ProbeCase): Promise<number> {
  switch (p.site) {
    case 'helper':
      return (await (await helper()).readUserFile(c.path, { field: 'file', noun: 'test file', maxBytes: 1024 * 1024 })).length;
    case 'helperSync':
      return (await helper()).readUserFileSync(c.path, { field: 'file', noun: 'test file', maxBytes: 1024 * 1024 }).length;
    case 'caFile': {
      const answer = await httpExchange('GET', `${p.url!}/x`, { headers: {}, maxBytes: 1000 }, { ...defaultConnectionOptions, caFile: c.path });
      return answer.status;
    }
    case 'certPath':
      return userTls(c.path, p.goodKey!).cert.length;
    case 'keyPath':
      return userTls(p.goodCert!, c.path).key.length;
    case 'keptCert':
      return (await selfSignedTls(c.path)).cert.length;
    case 'audio':
      return loadAudioFile({ path: c.path }).bytes.length;
    case 'testsRun': {
      const { compiled, invalid } = await compileAll([c.path]);
      if (invalid[0]) throw Object.assign(new Error(invalid[0].message), { code: invalid[0].code });
      return compiled.length;
    }
    case 'scenarioWav':
      return (await loadScenarioFile(c.path)).audio.size;
    case 'scanFolder': {
      const files = await findScenarioFiles([c.path]);
      for (const f of files) await loadScenarioFile(f);
      return files.length;
    }
  }
}

async function main(): Promise<void> {
  const probe = JSON.parse(process.argv[2]!) as Probe;
  for (const c of probe.cases) {
    const t0 = performance.now();
    let out: ProbeResult;
    try {
      out = { id: c.id, ms: 0, ok: await run(probe, c) };
    } catch (e) {
      const err = e as { name?: string; code?: string; field?: string; params?: { cause?: string }; problem?: string; reason?: string; message?: string };
      out = { id: c.id, ms: 0, ok: null, name: err.name, code: err.code, field: err.field, cause: err.params?.cause ?? err.reason, problem: err.problem, message: err.message };
    }
    out.ms = Math.round(performance.now() - t0);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(3);
  },
);
