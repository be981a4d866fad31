// Files the user names (CA bundle, TLS certificate and key, audio, bot-test scenarios and their WAVs)
// are stat'ed before anything opens them: a FIFO, /dev/zero, a symlink to /dev/zero and a folder are
// refused at once with a coded error that says "a regular file", an oversized file by its size, and a
// good file still works. Each read site runs in a child process (user-file-probe.ts) with a time
// limit: a read that blocks (opening a FIFO) or never ends (/dev/zero) gets the child killed and the
// test fails, where in-process it would freeze the test worker, whose own timeout could not fire.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedTls } from '../../../src/main/endpoint/tls';
import { tone, wav16 } from '../../bots/timed-bot';
import { okReply, startRecorder, tempDir, type Recorder } from '../psr/helpers';
import { makeHostilePaths } from './hostile-paths';
import type { Probe, ProbeCase, ProbeResult } from './user-file-probe';

const root = path.resolve(__dirname, '../../..');
const PROBE_LIMIT_MS = 20_000;
/** A refusal is a stat and a message: well under this even on a loaded machine. */
const QUICK_MS = 2_000;
const MiB = 1024 * 1024;

let dir: string;
let recorder: Recorder;
let goodCert: string;
let goodKey: string;
const f: Record<'fifo' | 'zeroLink' | 'folder' | 'big' | 'text' | 'wav' | 'scenario', string> = { fifo: '', zeroLink: '', folder: '', big: '', text: '', wav: '', scenario: '' };

beforeAll(async () => {
  dir = tempDir('psr-user-files-');
  Object.assign(f, makeHostilePaths(dir, MiB));
  f.text = path.join(dir, 'small.txt');
  fs.writeFileSync(f.text, 'twelve bytes');
  f.wav = path.join(dir, 'good.wav');
  fs.writeFileSync(f.wav, wav16(tone(300, 440), 8000));
  f.scenario = path.join(dir, 'good.yaml');
  fs.writeFileSync(f.scenario, 'name: good\nsteps:\n  - say: good.wav\n  - hangup\n');
  const pair = await selfSignedTls(path.join(dir, 'pair'));
  goodCert = path.join(dir, 'cert.pem');
  goodKey = path.join(dir, 'key.pem');
  fs.writeFileSync(goodCert, pair.cert);
  fs.writeFileSync(goodKey, pair.key);
  recorder = await startRecorder(okReply(), { cert: pair.cert, key: pair.key });
}, 30_000);

afterAll(async () => {
  await recorder.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the probe in a child; the results it printed, by case id (a killed child prints fewer). */
function probe(p: Probe): Promise<{ results: Map<string, ProbeResult>; killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'test/unit/security/user-file-probe.ts', JSON.stringify(p)], { cwd: root, timeout: PROBE_LIMIT_MS, killSignal: 'SIGKILL', maxBuffer: 4 * MiB }, (err, stdout, stderr) => {
      const results = new Map<string, ProbeResult>();
      for (const line of stdout.split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as ProbeResult;
        results.set(r.id, r);
      }
      resolve({ results, killed: !!err && (err as { killed?: boolean }).killed === true, stderr });
    });
  });
}

/** The inputs every read site refuses for what they are; `adapt` turns a path into what the site is given. */
const badCases = (adapt: (p: string, id: string) => string = (p) => p): ProbeCase[] => [
  { id: 'fifo', path: adapt(f.fifo, 'fifo') },
  { id: 'devZero', path: adapt('/dev/zero', 'devZero') },
  { id: 'zeroLink', path: adapt(f.zeroLink, 'zeroLink') },
  { id: 'folder', path: adapt(f.folder, 'folder') },
];

type Want = Record<string, unknown>;

/** The refusal of each bad case: `base` (code, field) and a message saying "a regular file"; the cause when `withCause`. */
function notRegular(base: Want, withCause: boolean): Record<string, Want> {
  const out: Record<string, Want> = {};
  for (const id of ['fifo', 'devZero', 'zeroLink', 'folder']) {
    out[id] = { ok: null, ...base, message: expect.stringContaining('a regular file'), ...(withCause ? { cause: id === 'folder' ? 'EISDIR' : 'NOT_REGULAR_FILE' } : {}) };
  }
  return out;
}

/** Runs the site over its cases; each must give what `want` says, and every refusal must come quickly. */
async function expectSite(p: Probe, want: Record<string, Want>): Promise<void> {
  const { results, killed, stderr } = await probe(p);
  for (const c of p.cases) {
    const r = results.get(c.id);
    const why = killed ? `the probe was killed after ${PROBE_LIMIT_MS} ms: reading ${c.path} blocked or never ended` : `the probe printed no result (${stderr.slice(0, 500)})`;
    expect(r, `${p.site} ${c.id}: ${why}`).toBeDefined();
    expect(r, `${p.site} ${c.id}`).toMatchObject(want[c.id]!);
    if (r!.ok === null) expect(r!.ms, `${p.site} ${c.id} took ${r!.ms} ms`).toBeLessThan(QUICK_MS);
  }
}

const tooBig = (base: Want): Want => ({ ok: null, ...base, message: expect.stringContaining('to be at most 1048576 bytes; it is 1048577 bytes') });

describe('reading a file the user named', () => {
  for (const site of ['helper', 'helperSync'] as const) {
    it(`${site === 'helper' ? 'readUserFile' : 'readUserFileSync'} refuses a FIFO, /dev/zero, a symlink to it, a folder and an oversized file, and reads a good one`, async () => {
      await expectSite(
        { site, cases: [...badCases(), { id: 'big', path: f.big }, { id: 'good', path: f.text }] },
        { ...notRegular({ problem: 'not-regular', field: 'file' }, true), big: tooBig({ problem: 'too-large', cause: 'FILE_TOO_LARGE' }), good: { ok: 12 } },
      );
    }, 30_000);
  }

  it('caFile (every PSR request): PSR_CA_FILE naming the field and cause; a good CA still verifies the server', async () => {
    const base = { code: 'PSR_CA_FILE', field: 'caFile' };
    await expectSite(
      { site: 'caFile', url: recorder.url, cases: [...badCases(), { id: 'big', path: f.big }, { id: 'good', path: goodCert }] },
      { ...notRegular(base, true), big: tooBig({ ...base, cause: 'FILE_TOO_LARGE' }), good: { ok: 200 } },
    );
  }, 30_000);

  it('certPath and keyPath (endpoint wss://): ENDPOINT_TLS_INVALID naming the field; a good pair still loads', async () => {
    for (const site of ['certPath', 'keyPath'] as const) {
      await expectSite(
        { site, goodCert, goodKey, cases: [...badCases(), { id: 'big', path: f.big }, { id: 'good', path: site === 'certPath' ? goodCert : goodKey }] },
        { ...notRegular({ code: 'ENDPOINT_TLS_INVALID', field: site }, false), big: tooBig({ code: 'ENDPOINT_TLS_INVALID', field: site }), good: { ok: expect.any(Number) } },
      );
    }
  }, 60_000);

  it('the kept self-signed certificate: a FIFO, device or folder in its place is refused, never opened or written over', async () => {
    // Each case is a data folder whose tls/endpoint-cert.pem is the bad path (the kept key is fine).
    const dataDir = (bad: string, id: string): string => {
      const d = path.join(dir, `kept-${id}`, 'tls');
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'endpoint-key.pem'), fs.readFileSync(goodKey));
      if (id === 'fifo') execFileSync('mkfifo', [path.join(d, 'endpoint-cert.pem')]);
      else if (id === 'folder') fs.mkdirSync(path.join(d, 'endpoint-cert.pem'));
      else fs.symlinkSync(bad, path.join(d, 'endpoint-cert.pem')); // /dev/zero, or a link to a link to it
      return path.dirname(d);
    };
    const fresh = path.join(dir, 'kept-fresh');
    await expectSite({ site: 'keptCert', cases: [...badCases(dataDir), { id: 'good', path: fresh }] }, { ...notRegular({ code: 'ENDPOINT_TLS_INVALID', field: 'certPath' }, false), good: { ok: expect.any(Number) } });
  }, 30_000);

  it('audio files (endpoint:inspectAudio, media, chunks, greeting): ENDPOINT_FILE_NOT_FOUND whose cause says what the path is', async () => {
    await expectSite(
      { site: 'audio', cases: [...badCases(), { id: 'good', path: f.wav }] },
      { ...notRegular({ code: 'ENDPOINT_FILE_NOT_FOUND', field: 'file' }, true), good: { ok: fs.statSync(f.wav).size } },
    );
  }, 30_000);

  it('scenario files (tests:run): SCENARIO_FILE_NOT_FOUND; a good scenario still compiles', async () => {
    await expectSite({ site: 'testsRun', cases: [...badCases(), { id: 'good', path: f.scenario }] }, { ...notRegular({ code: 'SCENARIO_FILE_NOT_FOUND' }, false), good: { ok: 1 } });
  }, 30_000);

  it('WAV files a scenario names: SCENARIO_FILE_NOT_FOUND naming the step', async () => {
    const scenarioSaying = (wav: string, id: string): string => {
      const file = path.join(dir, `says-${id}.yaml`);
      fs.writeFileSync(file, `name: ${id}\nsteps:\n  - say: ${JSON.stringify(wav)}\n  - hangup\n`);
      return file;
    };
    await expectSite(
      { site: 'scenarioWav', cases: [...badCases(scenarioSaying), { id: 'good', path: f.scenario }] },
      { ...notRegular({ code: 'SCENARIO_FILE_NOT_FOUND', field: 'steps[0].say' }, false), good: { ok: 1 } },
    );
  }, 30_000);

  it('a scanned folder (tests:scan) holding zero.yaml → /dev/zero or a FIFO named .yaml: refused by name, not read', async () => {
    const folder = (id: string, make: (p: string) => void): string => {
      const d = path.join(dir, `scan-${id}`);
      fs.mkdirSync(d);
      make(path.join(d, `${id}.yaml`));
      return d;
    };
    const zero = folder('zero', (p) => fs.symlinkSync('/dev/zero', p));
    const fifo = folder('fifo', (p) => execFileSync('mkfifo', [p]));
    const good = folder('good', (p) => fs.writeFileSync(p, 'name: good\nsteps:\n  - hangup\n'));
    await expectSite(
      { site: 'scanFolder', cases: [{ id: 'zero', path: zero }, { id: 'fifo', path: fifo }, { id: 'good', path: good }] },
      { zero: { ok: null, code: 'SCENARIO_FILE_NOT_FOUND', message: expect.stringContaining('zero.yaml: expected a scenario file that is a regular file; it is a character device') }, fifo: { ok: null, code: 'SCENARIO_FILE_NOT_FOUND', message: expect.stringContaining('it is a named pipe (FIFO)') }, good: { ok: 1 } },
    );
  }, 30_000);
});
