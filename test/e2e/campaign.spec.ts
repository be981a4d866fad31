// Campaign screen, end to end in web mode: a small campaign against a bot with a known reply delay;
// the live charts and figures are found by role and name while it runs, and the verdict at the end.
// Screenshots in English and Vietnamese are written to test-results/ for a person to look at.
import fs from 'node:fs';
import { startCampaignReplyBot, type ReplyBot } from '../bots/campaign-reply-bot';
import { writeCampaignFixtures } from '../unit/campaign/fixtures';
import { test, expect } from './fixtures';
import { installAudioTap } from './helpers/audio-tap';

let bot: ReplyBot;
const fx = writeCampaignFixtures({ turns: 4, customers: 8 });

test.beforeAll(async () => {
  bot = await startCampaignReplyBot({ delayMs: 300, customers: fx.rows, keyColumn: 'ma_kh' });
});
test.afterAll(async () => {
  await bot.close();
  fs.rmSync(fx.dir, { recursive: true, force: true });
});

test('Campaign: a running campaign shows live charts, figures and the verdict (EN and VI)', async ({ page }) => {
  test.setTimeout(120_000);
  await installAudioTap(page);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Campaign' }).click();
  await page.getByLabel('Bot WebSocket URL').fill(bot.url);
  await page.getByLabel('Scenario file').fill(fx.scenario);
  await page.getByLabel('Customers CSV').fill(fx.customers);
  await page.getByLabel('Concurrent calls').fill('8');
  await page.getByLabel('Ramp (calls per second)').fill('8');
  await page.getByRole('button', { name: 'Start campaign' }).click();

  await expect(page.getByRole('status', { name: 'Campaign state' })).toContainText('Running');
  await expect(page.getByRole('img', { name: /^Active calls over the last/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Setup success over the last/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Turn latency over the last/ })).toBeVisible();
  // Live values: some calls active, and turn latency p50 measured while the campaign runs.
  await expect(page.getByLabel('Active calls: active')).toHaveText(/^[1-8]$/, { timeout: 45_000 });
  await expect(page.getByLabel('Turn latency: p50')).toHaveText(/^\d+/, { timeout: 30_000 });
  // The frame threads' priority, as the generator got it (real-time needs the right to ask for it).
  await expect(page.getByLabel('Frame threads', { exact: true })).toHaveText(/^(real-time|raised|normal) priority$/);
  await page.screenshot({ path: 'test-results/campaign-running-en.png', fullPage: true });

  // Any running call opens in the live view: its levels, state and event log, as a campaign call.
  const watch = page.getByRole('list', { name: 'Running calls' }).getByRole('button', { name: /^Watch call \d+ live$/ }).first();
  await watch.click();
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
  const facts = page.locator('.call-facts');
  await expect(facts).toContainText('Source: campaign');
  await expect(facts).toContainText('running');
  // No endpoint received this call's audio: the quality panel says so instead of showing figures.
  await expect(page.getByRole('region', { name: 'Call quality' })).toContainText('Not measured for a campaign call');
  await expect(page.getByRole('status', { name: 'Call quality verdict' })).toHaveCount(0);
  await expect(page.getByRole('meter').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Event log' }).getByRole('listitem').first()).toBeVisible({ timeout: 10_000 });
  // Listening to it plays the call: the bot's prompts and the customer's answers reach the output.
  await page.getByRole('button', { name: 'Listen', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop listening' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__tapFirstLoudAt ?? null), { timeout: 15_000 }).not.toBeNull();
  await page.screenshot({ path: 'test-results/campaign-live-call-en.png', fullPage: true });
  await page.getByRole('button', { name: 'Stop listening' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Campaign' }).click();
  await page.getByLabel('Language').selectOption('vi');
  await expect(page.getByRole('heading', { name: 'Cuộc gọi đang chạy', level: 2 })).toBeVisible();
  await page.screenshot({ path: 'test-results/campaign-running-vi.png', fullPage: true });
  await page.getByRole('combobox', { name: /^Ngôn ngữ/ }).selectOption('en');

  await expect(page.getByRole('status', { name: 'Campaign state' })).toContainText('Finished', { timeout: 90_000 });
  await expect(page.getByRole('status', { name: 'Campaign state' })).toContainText('thresholds passed');
  await expect(page.getByLabel('Passed', { exact: true })).toHaveText('8');
  await expect(page.getByRole('table', { name: 'Latest calls' }).getByRole('row')).toHaveCount(9);
  expect(bot.stats().customersMatched).toBe(8);
  await page.screenshot({ path: 'test-results/campaign-finished-en.png', fullPage: true });

  await page.getByLabel('Language').selectOption('vi');
  await expect(page.getByRole('heading', { name: 'Chiến dịch', level: 1 })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Trạng thái chiến dịch' })).toContainText('Đã xong');
  await expect(page.getByRole('img', { name: /^Độ trễ lượt trong/ })).toBeVisible();
  await expect(page.getByLabel('Luồng gửi khung', { exact: true })).toHaveText(/^ưu tiên (thời gian thực|nâng cao|bình thường)$/);
  await page.screenshot({ path: 'test-results/campaign-finished-vi.png', fullPage: true });
});
