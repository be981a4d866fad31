// UI figures (prints, asserts nothing). Web mode with a simulated stereo call streamed to the
// embedded endpoint in real time; Chromium (headless) shows the live view.
//  - meter latency: from a frame reaching the endpoint (call:levels.receivedAt, main's clock) to the
//    meter's aria-valuenow changing in the page (same machine, same wall clock): median and p95.
//  - frame time: p95 of requestAnimationFrame intervals while both legs animate.
// Run: npm run build:only && npm run bench:ui   (targets: ≤ 50 ms and ≤ 20 ms)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumExecutable } from '../test/e2e/browser';
import { connectBridge } from '../test/e2e/helpers/bridge';
import { PsrStream } from '../test/e2e/helpers/psr-stream';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-bench-ui-'));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'web', '--port', '0', '--no-build', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, PSR_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ url: string; origin: string }>((resolve, reject) => {
    readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
      try {
        const ev = JSON.parse(line) as { event?: string; url: string; origin: string };
        if (ev.event === 'ready') resolve(ev);
      } catch {
        /* not JSON */
      }
    });
    proc.once('exit', (code) => reject(new Error(`web mode exited with ${code}`)));
  });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(ready.url);
    await page.locator('[data-app-state="loaded"]').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();

    const bridge = await connectBridge(ready);
    const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });

    // Node side: every level batch, keyed by the value the meter should show for each leg.
    const batches: Array<{ receivedAt: number; a: number | null; b: number | null }> = [];
    const secret = new URLSearchParams(new URL(ready.url).hash.slice(1)).get('secret') ?? '';
    const { default: WebSocket } = await import('ws');
    const tap = new WebSocket(`${ready.origin.replace(/^http/, 'ws')}/bridge`, ['psr-console', `secret.${secret}`], { origin: ready.origin });
    await new Promise((r) => tap.once('open', r));
    tap.on('message', (data) => {
      const m = JSON.parse(String(data)) as { event?: string; payload?: { receivedAt: number; windows: Array<{ leg: string; rmsDbfs: number }> } };
      if (m.event !== 'call:levels' || !m.payload) return;
      const last = (leg: string) => {
        const w = m.payload!.windows.filter((x) => x.leg === leg).at(-1);
        return w ? Math.round(Math.max(-60, Math.min(0, w.rmsDbfs)) * 10) / 10 : null;
      };
      batches.push({ receivedAt: m.payload.receivedAt, a: last('A'), b: last('B') });
    });

    // Page side: when each meter's aria-valuenow changes, and the rAF frame intervals.
    // Plain text, not a function: tsx would wrap a function with helpers the page does not have.
    await page.evaluate(`(() => {
      window.__changes = [];
      window.__frames = [];
      const watch = () => {
        for (const el of document.querySelectorAll('[role="meter"]')) {
          new MutationObserver(() => {
            window.__changes.push([performance.timeOrigin + performance.now(), el.getAttribute('aria-label') || '', Number(el.getAttribute('aria-valuenow'))]);
          }).observe(el, { attributes: true, attributeFilter: ['aria-valuenow'] });
        }
      };
      const wait = () => (document.querySelector('[role="meter"]') ? watch() : setTimeout(wait, 10));
      wait();
      let last = 0;
      const frame = (t) => {
        if (last) window.__frames.push(t - last);
        last = t;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })()`);

    // A stereo call whose levels change every frame (distinct values), both legs at once.
    const stream = await PsrStream.open(localUrl!, 'bench-ui-call');
    const amp = (t: number, phase: number) => 0.05 + 0.6 * (0.5 + 0.5 * Math.sin((2 * Math.PI * (t + phase)) / 1370));
    await stream.play((t) => ({ a: amp(Math.floor(t / 20) * 20, 0), b: amp(Math.floor(t / 20) * 20, 400) }), SECONDS * 1000);
    await stream.close();

    const { changes, frames } = (await page.evaluate('({ changes: window.__changes, frames: window.__frames })')) as {
      changes: Array<[number, string, number]>;
      frames: number[];
    };
    const latencies: number[] = [];
    for (const [at, label, value] of changes) {
      const key = label === 'Leg A' ? 'a' : label === 'Leg B' ? 'b' : null;
      if (!key || value <= -60) continue;
      // The newest batch, received before the change, whose last window shows this value.
      for (let i = batches.length - 1; i >= 0; i--) {
        const b = batches[i]!;
        if (b.receivedAt <= at && b[key] === value) {
          latencies.push(at - b.receivedAt);
          break;
        }
      }
    }
    latencies.sort((x, y) => x - y);
    const sortedFrames = [...frames].sort((x, y) => x - y);
    console.log(
      JSON.stringify({
        bench: 'ui',
        seconds: SECONDS,
        levelBatches: batches.length,
        meterChanges: changes.length,
        matched: latencies.length,
        meterLatencyMs: { median: r1(percentile(latencies, 0.5)), p95: r1(percentile(latencies, 0.95)), max: r1(latencies.at(-1) ?? NaN), target: 50 },
        frameTimeMs: { median: r1(percentile(sortedFrames, 0.5)), p95: r1(percentile(sortedFrames, 0.95)), frames: frames.length, target: 20 },
        note: 'headless Chromium, software rendering; meter changes matched to the newest call:levels batch with the same value',
      }),
    );
    tap.close();
    bridge.close();
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
