// Start demo call, end to end in web mode, with Chromium's fake microphone playing a spoken WAV:
// leg B carries the fake-mic speech, leg A the demo bot's greeting and answers, recordings play.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '../../src/main/audio/wav';
import { wavToPsrPcm } from '../../src/main/audio/psr-pcm';
import { int16ToFloat } from '../../src/main/audio/pcm';
import { loadPrompts } from '../../src/main/demo-bot/prompts';
import { locate } from '../unit/simulator/audio-helpers';
import { chromiumExecutable } from './browser';
import { test, expect } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The caller's voice: espeak-ng speech, then 1.5 s of silence (Chromium loops the file), so the
// endpoint's voice-activity detector sees the caller start and stop talking.
const micDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-e2e-mic-'));
const micWav = path.join(micDir, 'caller.wav');
execFileSync('espeak-ng', ['-v', 'en', '-s', '160', '-w', path.join(micDir, 'raw.wav'), 'Hello, I am calling about my order number five.']);
execFileSync('sox', [path.join(micDir, 'raw.wav'), '-r', '48000', '-b', '16', '-c', '1', micWav, 'pad', '0', '1.5']);

test.use({
  launchOptions: {
    executablePath: chromiumExecutable(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}`,
    ],
  },
});

test('Start demo call: the fake microphone is leg B, the demo bot greets and answers, recordings play', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.getByRole('navigation').getByRole('button', { name: 'Simulator' }).click();
  await expect(page.getByRole('heading', { name: 'Offline simulator' })).toBeVisible();
  await page.getByRole('button', { name: 'Start demo call' }).click();

  // The softphone is live: the microphone is the person called.
  await expect(page.getByText('Microphone on: you are the person called')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Simulator state' })).toHaveText('Running');
  const row = page.getByRole('table', { name: 'Simulated calls' }).locator('tbody tr[data-call-id]').first();
  await expect(row).toContainText('demo');
  const callId = (await row.getAttribute('data-call-id'))!;
  // The bot hangs up after its last prompt (greeting, answer, goodbye).
  await expect(row).toHaveAttribute('data-state', 'completed', { timeout: 90_000 });
  await expect(row).toContainText('hangup');

  // Leg A: the greeting and at least one answer; leg B: the caller's (fake-mic) speech.
  const rec = decodeWav(new Uint8Array(fs.readFileSync(path.join(app.recordingsDir, 'simulator', `full_${callId}.wav`))));
  const [legA, legB] = rec.samples as [Float32Array, Float32Array];
  const prompts = loadPrompts(path.join(root, 'resources'), 'en');
  const greeting = locate(int16ToFloat(wavToPsrPcm(prompts.bot[0]!.wav)).subarray(0, 8000), legA);
  const answer = locate(int16ToFloat(wavToPsrPcm(prompts.bot[1]!.wav)).subarray(0, 8000), legA);
  expect(greeting.corr).toBeGreaterThan(0.9);
  expect(answer.corr).toBeGreaterThan(0.9);
  expect(answer.lag).toBeGreaterThan(greeting.lag);
  const caller = int16ToFloat(wavToPsrPcm(fs.readFileSync(path.join(micDir, 'raw.wav'))));
  const heard = locate(caller.subarray(1600, 1600 + 8000), legB);
  console.log(`leg B vs fake mic: correlation ${heard.corr.toFixed(3)} at ${(heard.lag / 8000).toFixed(2)} s; greeting ${greeting.corr.toFixed(3)}, answer ${answer.corr.toFixed(3)}`);
  expect(heard.corr).toBeGreaterThan(0.6);

  // The recordings are listed and play.
  await row.getByRole('button', { name: /Play full recording of call/ }).click();
  const audio = page.getByLabel(`Recording full_${callId}.wav`);
  await expect(audio).toBeVisible();
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => (Number.isFinite(el.duration) ? el.duration : 0))).toBeGreaterThan(10);
  await row.getByRole('button', { name: /Play mixed recording of call/ }).click();
  const mixed = page.getByLabel(`Recording ${callId}.wav`);
  await expect(mixed).toBeVisible();
  await expect.poll(() => mixed.evaluate((el: HTMLAudioElement) => (Number.isFinite(el.duration) ? el.duration : 0))).toBeGreaterThan(10);
});

test('Customer hangs up ends a demo call; settings are saved', async ({ page }) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Simulator' }).click();
  await page.getByLabel('Max call length (seconds)').fill('120');
  await page.getByRole('radio', { name: 'Silence' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Start demo call' }).click();
  const row = page.getByRole('table', { name: 'Simulated calls' }).locator('tbody tr[data-call-id]').first();
  await expect(row).toHaveAttribute('data-state', 'in-progress');
  const callId = (await row.getAttribute('data-call-id'))!;
  await row.getByRole('button', { name: `Customer hangs up call ${callId.slice(0, 8)}` }).click();
  await expect(row).toHaveAttribute('data-state', 'completed');
  await expect(row).toContainText('the customer hung up');
  // The call's log is worded in the UI language from its codes, not main's English.
  await row.getByRole('button', { name: 'Call log' }).click();
  const simLog = page.getByRole('list', { name: `Log of call ${callId.slice(0, 8)}` });
  await expect(simLog).toContainText('answered; opening ws://127.0.0.1:');
  await page.getByRole('banner').getByLabel('Language').selectOption('vi');
  const simLogVi = page.getByRole('list', { name: `Nhật ký cuộc gọi ${callId.slice(0, 8)}` });
  await expect(simLogVi).toContainText('đã nghe máy; đang mở ws://127.0.0.1:');
  await expect(simLogVi).toContainText('khách hàng đã gác máy');
  await expect(simLogVi).not.toContainText('answered');
  await expect(page.locator(`tr[data-call-id="${callId}"]`)).toContainText('khách hàng gác máy');
  await page.getByRole('banner').getByLabel('Ngôn ngữ').selectOption('en');
  await expect(page.getByText('Microphone on: you are the person called')).toBeHidden();

  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Simulator' }).click();
  await expect(page.getByLabel('Max call length (seconds)')).toHaveValue('120');
  await expect(page.getByRole('radio', { name: 'Silence' })).toBeChecked();
});

test('Start demo call from Home: the call goes on (microphone included) after the app shows the live view', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  await page.getByRole('button', { name: 'Start demo call' }).click();
  // From Home the demo call opens on the demo stage (the live view, full window).
  await expect(page.getByRole('dialog', { name: 'Demo stage' })).toBeVisible();
  const simDir = path.join(app.recordingsDir, 'simulator');
  const meta = () => {
    const f = fs.existsSync(simDir) ? fs.readdirSync(simDir).find((n) => n.endsWith('.meta.json')) : undefined;
    return f ? (JSON.parse(fs.readFileSync(path.join(simDir, f), 'utf8')) as { callId: string; reason: string | null; legB: string }) : null;
  };
  await expect.poll(() => meta()?.reason ?? null, { timeout: 90_000 }).toBe('hangup');
  const m = meta()!;
  expect(m.legB).toBe('mic');
  const rec = decodeWav(new Uint8Array(fs.readFileSync(path.join(simDir, `full_${m.callId}.wav`))));
  const legB = rec.samples[1]!;
  // The caller spoke in the second half of the call too, i.e. after the screen changed.
  const half = legB.subarray(legB.length >> 1);
  let energy = 0;
  for (let i = 0; i < half.length; i++) energy += half[i]! * half[i]!;
  expect(Math.sqrt(energy / half.length)).toBeGreaterThan(0.01);
});
