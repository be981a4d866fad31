// Runs scenario files against a bot, N calls at a time on one shared frame clock, and reports each
// verdict as it lands. Used by the CLI (`test`), the Tests screen and campaigns.
import crypto from 'node:crypto';
import { isAppError } from '../../shared/errors';
import { FrameClock } from '../simulator/frame-clock';
import type { CompiledScenario } from './caller';
import { loadScenarioFile } from './load-scenario';
import { BotUnreachableError, runPsrCall } from './psr-call';
import type { TestResult } from './results';

export interface RunOptions {
  botUrl: string;
  parallel?: number;
  recordDir?: string | undefined;
  frameClock?: FrameClock;
  trustSelfSigned?: boolean;
  signal?: AbortSignal;
  onStart?(file: string, callId: string): void;
  onResult?(r: TestResult): void;
  /** Live frames of each call (the app's live view). */
  onFrame?(callId: string, t: number, a: Int16Array, b: Int16Array): void;
}

export interface InvalidFile {
  file: string;
  code: string;
  message: string;
}

export interface RunSummary {
  results: TestResult[];
  invalid: InvalidFile[];
  unreachable: { file: string; message: string }[];
  passed: number;
  failed: number;
  durationMs: number;
}

export function newCallId(): string {
  return crypto.randomUUID();
}

/** Load every file; invalid ones are reported, not run. */
export async function compileAll(files: string[]): Promise<{ compiled: CompiledScenario[]; invalid: InvalidFile[] }> {
  const compiled: CompiledScenario[] = [];
  const invalid: InvalidFile[] = [];
  for (const f of files) {
    try {
      compiled.push(await loadScenarioFile(f));
    } catch (e) {
      invalid.push({ file: f, code: isAppError(e) ? e.code : 'SCENARIO_INVALID', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { compiled, invalid };
}

/** Exit code of a run: 0 all passed, 1 a test failed, 2 a file was invalid or the bot unreachable. */
export function exitCodeOf(s: RunSummary): 0 | 1 | 2 {
  if (s.invalid.length > 0 || s.unreachable.length > 0) return 2;
  return s.failed > 0 ? 1 : 0;
}

export async function runScenarios(scenarios: CompiledScenario[], opts: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const clock = opts.frameClock ?? new FrameClock();
  const parallel = Math.max(1, Math.min(64, opts.parallel ?? 1));
  const results: TestResult[] = new Array(scenarios.length);
  const unreachable: RunSummary['unreachable'] = [];
  let next = 0;
  const worker = async () => {
    while (next < scenarios.length && !opts.signal?.aborted) {
      const i = next++;
      const sc = scenarios[i]!;
      const callId = newCallId();
      opts.onStart?.(sc.file, callId);
      try {
        const r = await runPsrCall(sc, {
          botUrl: opts.botUrl,
          callId,
          frameClock: clock,
          recordDir: opts.recordDir,
          trustSelfSigned: opts.trustSelfSigned ?? false,
          ...(opts.onFrame ? { onFrame: (t: number, a: Int16Array, b: Int16Array) => opts.onFrame!(callId, t, a, b) } : {}),
        });
        results[i] = r;
        opts.onResult?.(r);
      } catch (e) {
        if (!(e instanceof BotUnreachableError)) throw e;
        unreachable.push({ file: sc.file, message: e.message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, scenarios.length) }, worker));
  const done = results.filter(Boolean);
  return { results: done, invalid: [], unreachable, passed: done.filter((r) => r.passed).length, failed: done.filter((r) => !r.passed).length, durationMs: performance.now() - started };
}
