// The demo stage: a demo call started from Home with Chromium's fake microphone as the caller opens
// on the stage; its turn badges (found by role and name) carry the same latencies the live view lists.
// Mid-call screenshots of the stage at 1280×720 and 1920×1080, dark and light, EN and VI, go to
// docs/screenshots/ when PSR_STAGE_SHOTS=1 (a test run leaves the repository as it was).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { chromiumExecutable } from './browser';
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shotsDir = path.join(root, 'docs', 'screenshots');
const micDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-e2e-stage-mic-'));
const micWav = path.join(micDir, 'caller.wav');
// The caller: a sentence, then 20 s of silence (Chromium loops the file). The demo bot answers each
// time the caller stops, so the call has turns, with a quiet stretch after each for the screenshots.
execFileSync('espeak-ng', ['-v', 'en', '-s', '170', '-w', path.join(micDir, 'raw.wav'), 'Hello, I would like to check my order.']);
execFileSync('sox', [path.join(micDir, 'raw.wav'), '-r', '48000', '-b', '16', '-c', '1', micWav, 'pad', '0', '20']);

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

/** "Turn 2: 1,240 ms" → [2, 1240] (the digits, whatever the grouping separator). */
function parseTurn(text: string): [number, number] {
  const m = /(?:Turn|Lượt) (\d+): ([\d.,\s]+) ms/.exec(text);
  if (!m) throw new Error(`not a turn: ${text}`);
  return [Number(m[1]), Number(m[2]!.replace(/[^\d]/g, ''))];
}

async function shoot(page: Page, name: string): Promise<void> {
  if (process.env.PSR_STAGE_SHOTS !== '1') return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, name) });
}

test('demo call from Home opens on the stage; its turn badges equal the turn latencies the live view lists', async ({ page, app }) => {
  test.setTimeout(150_000);
  const bridge = await connectBridge(app);
  const ended = bridge.waitFor('call:ended', () => true, 120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('main').getByRole('button', { name: 'Start demo call' }).click();

  const stage = page.getByRole('dialog', { name: 'Demo stage' });
  await expect(stage).toBeVisible({ timeout: 20_000 });
  // The legs by role: the demo call runs app=bot, so leg A is the bot and leg B the caller.
  await expect(stage.getByRole('group', { name: 'Waveforms: Bot above, Caller below, the last 15 seconds' })).toBeVisible();
  await expect(stage.getByRole('status', { name: 'Call state' })).toHaveText(/Bot is speaking|Caller is speaking|Waiting|Listening|Barge-in/, { timeout: 20_000 });
  const badges = stage.getByRole('list', { name: 'Turn latencies' }).getByRole('listitem');
  await expect(badges.first()).toBeAttached({ timeout: 60_000 });

  // Mid-call, as a room would see it: both sizes, both themes, and in Vietnamese.
  const state = stage.getByRole('status', { name: 'Call state' });
  // Vietnamese first (the call is still on: the caller is quiet for 20 s after turn 1), then English
  // at both sizes in both themes.
  await bridge.call('app:setPrefs', { language: 'vi' });
  const vi = page.getByRole('dialog', { name: 'Sân khấu trình diễn' });
  await expect(vi).toBeVisible();
  await expect(vi.getByRole('group', { name: 'Dạng sóng: Bot ở trên, Người được gọi ở dưới, 15 giây gần nhất' })).toBeVisible();
  await shoot(page, 'stage-1280x720-dark-vi.png');
  // No English left on the stage in Vietnamese.
  const viText = (await vi.innerText()).replace(/\s+/g, ' ');
  for (const en of ['Demo stage', 'Last turn', 'Median', 'Turns', 'Barge-in', 'Leave stage', 'Stage settings', 'Caller', 'speaking', 'Listening', 'Waiting', 'under']) expect(viText).not.toContain(en);
  await bridge.call('app:setPrefs', { language: 'en' });
  await expect(stage).toBeVisible();
  await shoot(page, 'stage-1280x720-dark.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'stage-1920x1080-dark.png');
  await stage.getByText('Stage settings').click();
  await stage.getByRole('switch', { name: 'Light theme' }).check();
  await stage.getByText('Stage settings').click();
  await shoot(page, 'stage-1920x1080-light.png');
  await page.setViewportSize({ width: 1280, height: 720 });
  await shoot(page, 'stage-1280x720-light.png');
  // Screenshots taken after the call's end are not mid-call: say so rather than pass them off as such.
  if (/^Call ended/.test((await state.textContent()) ?? '')) test.info().annotations.push({ type: 'warning', description: 'the call ended while the screenshots were taken' });
  await expect.poll(async () => (await bridge.call('app:getPrefs')).stageTheme).toBe('light');
  // Presenter mode masks the number called, on the stage as everywhere.
  await bridge.call('app:setPrefs', { stageTheme: 'dark' });
  await expect(stage.getByText('Calling 0900000000')).toBeVisible();
  await bridge.call('app:setPrefs', { presenterMode: true });
  await expect(stage.getByText('Calling 09••••••00')).toBeVisible();
  await expect(stage).not.toContainText('0900000000');
  await bridge.call('app:setPrefs', { presenterMode: false });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByRole('dialog', { name: 'Demo stage' })).toBeVisible();

  // The theme is remembered with the UI preferences.
  expect((await bridge.call('app:getPrefs')).stageTheme).toBe('dark');

  const end = await ended;
  await expect(state).toHaveText(/^Call ended/);
  const detail = await bridge.call('calls:get', { callId: end.callId });
  expect(detail.turns.length).toBeGreaterThan(0);
  await expect(badges).toHaveCount(detail.turns.length);
  const onStage = new Map((await badges.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map(parseTurn));
  // Each badge is reachable by its accessible name.
  for (const [n, ms] of onStage) await expect(stage.getByRole('listitem', { name: new RegExp(`^Turn ${n}: ${ms.toLocaleString('en-US')} ms`) })).toBeAttached();
  const median = stage.getByRole('status', { name: 'Median' });
  await expect(median).toHaveText(/\d ms$/);

  // The thresholds are the user's: set, shown in the legend, remembered; the badges follow them.
  await stage.getByText('Stage settings').click();
  await stage.getByRole('spinbutton', { name: 'Green below (ms)' }).fill('100');
  await stage.getByRole('spinbutton', { name: 'Amber below (ms)' }).fill('150');
  await stage.getByRole('spinbutton', { name: 'Amber below (ms)' }).press('Enter');
  await expect(stage.getByRole('list', { name: 'Latency colours' })).toContainText('under 100 ms');
  await expect.poll(async () => (await bridge.call('app:getPrefs')).stageFairMs).toBe(150);
  const clean = detail.turns.filter((x) => !x.bargeIn && x.latencyMs >= 150).length;
  await expect(stage.locator('.stage-badge.grade-poor')).toHaveCount(clean);
  await stage.getByText('Stage settings').click();

  // Leave the stage: the live view is there, listing the same turns with the same values.
  await page.keyboard.press('Escape');
  await expect(stage).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
  const listed = page.getByRole('list', { name: 'Recent turns' }).getByRole('listitem');
  await expect(listed).toHaveCount(Math.min(8, detail.turns.length));
  const inList = new Map((await listed.allTextContents()).map(parseTurn));
  expect(inList.size).toBeGreaterThan(0);
  for (const [n, ms] of inList) expect(onStage.get(n), `turn ${n}`).toBe(ms);
  // And they are the latencies main measured.
  for (const turn of detail.turns) expect(onStage.get(turn.index + 1)).toBe(Math.round(turn.latencyMs));

  // The stage button brings it back.
  await page.getByRole('button', { name: 'Demo stage' }).click();
  await expect(stage).toBeVisible();
  await stage.getByRole('button', { name: /Leave stage/ }).click();
  await expect(stage).toBeHidden();

  // Home lists the call among the recent calls, with its median latency.
  await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
  const recent = page.getByRole('table', { name: 'Recent calls' });
  await expect(recent.getByRole('row')).toHaveCount(2);
  const medianMs = detail.summary.turns.medianMs!;
  await expect(recent.getByRole('row').nth(1)).toContainText(`${Math.round(medianMs).toLocaleString('en-US')} ms`);
  await page.setViewportSize({ width: 1280, height: 720 });
  await shoot(page, 'home-1280x720.png');
  await bridge.call('app:setPrefs', { language: 'vi' });
  await expect(page.getByRole('table', { name: 'Cuộc gọi gần đây' })).toBeVisible();
  await shoot(page, 'home-1280x720-vi.png');
  bridge.close();
});
