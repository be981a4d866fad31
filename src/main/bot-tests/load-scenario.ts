// Read a scenario file, validate it, and load every sound it names (paths relative to the file):
// caller lines become 8 kHz mono PCM with the end of their last word marked.
import fs from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../shared/errors';
import { parseScenario, ScenarioError, type Scenario, type Utterance } from '../../shared/scenario';
import { wavToPsrPcmAsync } from '../audio/psr-pcm';
import { readUserFile, UserFileError } from '../io/user-file';
import { ONSET_AMPLITUDE, type CallerAudio, type CompiledScenario } from './caller';
import { speak } from './tts';

const MAX_FILE = 1024 * 1024;
const MAX_WAV = 50 * 1024 * 1024;

/** Index just after the last sample louder than the onset level: the end of the last word. */
export function speechEnd(pcm: Int16Array): number {
  for (let i = pcm.length - 1; i >= 0; i--) {
    const v = pcm[i]!;
    if (v > ONSET_AMPLITUDE || v < -ONSET_AMPLITUDE) return i + 1;
  }
  return 0;
}

async function readWav(file: string, rel: string, line: number | null, field: string): Promise<Int16Array> {
  const abs = path.resolve(path.dirname(file), rel);
  let bytes: Buffer;
  try {
    bytes = await readUserFile(abs, { field, noun: 'WAV file', maxBytes: MAX_WAV });
  } catch (e) {
    if (e instanceof UserFileError && e.problem === 'too-large') throw new ScenarioError('SCENARIO_AUDIO_INVALID', file, line, null, field, `${rel} is larger than ${MAX_WAV / 1024 / 1024} MB`);
    if (e instanceof UserFileError && e.problem === 'not-regular') throw new ScenarioError('SCENARIO_FILE_NOT_FOUND', file, line, null, field, `expected the WAV file ${rel} (resolved to ${abs}) to be a regular file; it is ${e.found ?? 'not a regular file'}`);
    throw new ScenarioError('SCENARIO_FILE_NOT_FOUND', file, line, null, field, `expected a readable WAV file at ${rel} (resolved to ${abs})`);
  }
  try {
    return await wavToPsrPcmAsync(bytes);
  } catch (e) {
    throw new ScenarioError('SCENARIO_AUDIO_INVALID', file, line, null, field, `${rel}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function loadUtterance(file: string, u: Utterance, line: number | null, field: string): Promise<CallerAudio> {
  if (typeof u === 'string' || 'file' in u) {
    const rel = typeof u === 'string' ? u : u.file;
    const pcm = await readWav(file, rel, line, field);
    return { label: rel, pcm, speechEndSample: speechEnd(pcm) };
  }
  try {
    const pcm = await speak(u.text, u.voice, u.wpm);
    return { label: `“${u.text.slice(0, 60)}” (${u.voice})`, pcm, speechEndSample: speechEnd(pcm) };
  } catch (e) {
    const code = isAppError(e) && e.code === 'TTS_UNAVAILABLE' ? 'TTS_UNAVAILABLE' : 'SCENARIO_AUDIO_INVALID';
    throw new ScenarioError(code, file, line, null, field, e instanceof Error ? e.message : String(e));
  }
}

/** Checks that need the whole step list. */
function checkOrder(file: string, s: Scenario): void {
  let spoke = false;
  s.steps.forEach((step, i) => {
    if (step.kind === 'say' || step.kind === 'barge_in') spoke = true;
    if (step.kind === 'expect_reply' && !spoke) throw new ScenarioError('SCENARIO_INVALID', file, step.line, null, `steps[${i}].expect_reply`, 'expected a say or barge_in step before expect_reply (a reply is measured from the caller’s last word)');
  });
}

export async function compileScenario(file: string, text: string): Promise<CompiledScenario> {
  const scenario = parseScenario(text, file);
  checkOrder(file, scenario);
  const audio = new Map<number, CallerAudio>();
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i]!;
    if (step.kind === 'say') audio.set(i, await loadUtterance(file, step.value, step.line, `steps[${i}].say`));
    if (step.kind === 'barge_in') audio.set(i, await loadUtterance(file, step.value.say, step.line, `steps[${i}].barge_in.say`));
  }
  const botAudio = [];
  for (const [i, b] of scenario.expect.bot_audio.entries()) botAudio.push({ label: b.matches, pcm: await readWav(file, b.matches, null, `expect.bot_audio[${i}].matches`), minCorr: b.min_corr });
  const callAudio = scenario.call.audio_file && scenario.call.app === 'bot' && !scenario.call.is_silence ? await readWav(file, scenario.call.audio_file, null, 'call.audio_file') : null;
  return { file, scenario, audio, botAudio, callAudio };
}

/** Read and compile one scenario file (YAML or JSON). */
export async function loadScenarioFile(file: string): Promise<CompiledScenario> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = (await readUserFile(abs, { field: 'file', noun: 'scenario file', maxBytes: MAX_FILE })).toString('utf8');
  } catch (e) {
    if (e instanceof UserFileError && e.problem === 'too-large') throw new ScenarioError('SCENARIO_INVALID', file, null, null, undefined, `expected a scenario file under ${MAX_FILE / 1024} KB`);
    if (e instanceof UserFileError && e.problem === 'not-regular') throw new ScenarioError('SCENARIO_FILE_NOT_FOUND', file, null, null, undefined, `expected a scenario file that is a regular file; it is ${e.found ?? 'not a regular file'}`);
    throw new ScenarioError('SCENARIO_FILE_NOT_FOUND', file, null, null, undefined, 'expected a readable scenario file');
  }
  return compileScenario(abs, text);
}

/**
 * Scenario files among `inputs` (files, or folders searched recursively for .yaml/.yml/.json), sorted.
 * Only names are listed here (a symlink or device named .yaml too): loadScenarioFile decides what can be read.
 */
export async function findScenarioFiles(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string, depth: number): Promise<void> => {
    const st = await fs.promises.stat(p).catch(() => null);
    if (!st) throw new ScenarioError('SCENARIO_FILE_NOT_FOUND', p, null, null, undefined, 'no such file or folder');
    // Anything but a folder is listed as named: loading refuses what is not a regular file, with a reason.
    if (!st.isDirectory()) return void out.push(path.resolve(p));
    if (depth > 8) return;
    const names = (await fs.promises.readdir(p)).sort();
    for (const n of names) {
      const child = path.join(p, n);
      const cst = await fs.promises.stat(child).catch(() => null);
      if (cst?.isDirectory()) await walk(child, depth + 1);
      else if (/\.(ya?ml|json)$/i.test(n) && !n.endsWith('.meta.json')) out.push(path.resolve(child));
    }
  };
  for (const i of inputs) await walk(i, 0);
  return [...new Set(out)];
}
