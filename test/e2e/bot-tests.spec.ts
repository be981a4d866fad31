// The Tests screen: two scenario files against a real bot (known reply timing), one passes and one
// fails, found by role and name, in English and in Vietnamese (screenshots for a human to look at).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { startTimedBot, tone, wav16, type TimedBot } from '../bots/timed-bot';
import { syllables, tempDir } from '../unit/bot-tests/helpers';

let bot: TimedBot;
let dir: string;

test.beforeAll(async () => {
  dir = tempDir('psr-e2e-bot-tests-');
  fs.writeFileSync(path.join(dir, 'caller.wav'), wav16(syllables(700), 8000));
  const steps = (limit: number) => `steps:\n  - expect_bot_audio: { within_ms: 3000 }\n  - wait_bot_quiet: { ms: 300 }\n  - say: caller.wav\n  - expect_reply: { within_ms: ${limit} }\n  - expect_hangup: { within_ms: 5000 }\n`;
  fs.writeFileSync(path.join(dir, 'a-answers-in-time.yaml'), `name: Answers in time\n${steps(1500)}`);
  fs.writeFileSync(path.join(dir, 'b-answers-too-slowly.yaml'), `name: Answers within 200 ms\n${steps(200)}expect:\n  turn_latency_ms: { p95_max: 200 }\n`);
  bot = await startTimedBot({ greeting: tone(600, 440), replies: [tone(500, 660)], replyDelayMs: 500 });
});
test.afterAll(async () => {
  await bot.close();
});

test.use({ viewport: { width: 1280, height: 1000 } });

for (const language of ['en', 'vi'] as const) {
  test(`runs two scenarios: one passes, one fails (${language})`, async ({ page }) => {
    if (language === 'vi') {
      await page.getByLabel('Language').selectOption('vi');
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    }
    const L = language === 'en'
      ? { nav: 'Bot tests', paths: 'Scenario files or folders (one per line)', find: 'Find scenarios', url: 'Bot WebSocket URL', run: 'Run selected (2)', status: 'Test run', done: 'Done: 1 passed, 1 failed, 0 not run', pass: 'PASS: Answers in time', fail: 'FAIL: Answers within 200 ms', steps: 'Steps of Answers within 200 ms' }
      : { nav: 'Kiểm thử bot', paths: 'Tệp hoặc thư mục kịch bản (mỗi dòng một đường dẫn)', find: 'Tìm kịch bản', url: 'URL WebSocket của bot', run: 'Chạy các mục đã chọn (2)', status: 'Lượt kiểm thử', done: 'Hoàn tất: 1 đạt, 1 không đạt, 0 không chạy được', pass: 'ĐẠT: Answers in time', fail: 'KHÔNG ĐẠT: Answers within 200 ms', steps: 'Các bước của Answers within 200 ms' };
    await page.getByRole('navigation').getByRole('button', { name: L.nav }).click();
    await page.getByRole('textbox', { name: L.paths }).fill(dir);
    await page.getByRole('button', { name: L.find }).click();
    await expect(page.getByRole('list').getByRole('checkbox')).toHaveCount(2);
    await page.getByRole('textbox', { name: L.url }).fill(bot.url);
    await page.getByRole('button', { name: L.run }).click();
    await expect(page.getByRole('status', { name: L.status })).toHaveText(L.done, { timeout: 30_000 });
    await expect(page.getByRole('article', { name: L.pass })).toBeVisible();
    const failed = page.getByRole('article', { name: L.fail });
    await expect(failed).toBeVisible();
    const row = failed.getByRole('table', { name: L.steps }).getByRole('row').filter({ hasText: 'expect_reply' });
    // The step's message comes from main as a code with params, worded in the UI language.
    await expect(row).toContainText(
      language === 'en'
        ? /expected a reply within 200 ms; the bot's audio started \d+ ms after the caller's last word/
        : /cần bot trả lời trong 200 ms; âm thanh của bot bắt đầu [\d.]+ ms sau lời cuối của người gọi/,
    );
    // Its measured figures in words, numbers as the language writes them.
    await expect(row).toContainText(language === 'en' ? /latency [\d,]+ ms, limit 200 ms/ : /độ trễ [\d.]+ ms, giới hạn 200 ms/);
    // The headline of the failure too.
    await expect(failed.locator('.test-failure')).toHaveText(
      language === 'en' ? /^step 4 \(expect_reply, line 6\): expected a reply within 200 ms/ : /^bước 4 \(expect_reply, dòng 6\): cần bot trả lời trong 200 ms/,
    );
    // So is the whole-call expectation's.
    const expectation = failed.getByRole('table', { name: L.steps }).getByRole('row').filter({ hasText: 'expect.turn_latency_ms' });
    await expect(expectation).toContainText(
      language === 'en' ? /expected p95 turn latency ≤ 200 ms; measured [\d.]+ ms over 1 turns/ : /cần độ trễ lượt thoại p95 ≤ 200 ms; đo được [\d.,]+ ms qua 1 lượt/,
    );
    await page.screenshot({ path: test.info().outputPath(`tests-screen-${language}.png`), fullPage: true });
  });
}

test('a bot-test call is in the call library, and a test can be made from it', async ({ page }) => {
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: 'Bot tests' }).click();
  await page.getByRole('textbox', { name: 'Scenario files or folders (one per line)' }).fill(path.join(dir, 'a-answers-in-time.yaml'));
  await page.getByRole('button', { name: 'Find scenarios' }).click();
  await page.getByRole('textbox', { name: 'Bot WebSocket URL' }).fill(bot.url);
  await page.getByRole('button', { name: 'Run selected (1)' }).click();
  const card = page.getByRole('article', { name: 'PASS: Answers in time' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  const callId = /call ([0-9a-f-]{36})/.exec((await card.textContent()) ?? '')![1]!;
  await nav.getByRole('button', { name: 'Call library' }).click();
  await page.getByRole('row', { name: new RegExp(callId) }).getByRole('button', { name: `Open call ${callId}` }).click();
  await page.getByRole('button', { name: 'Make a test from this call' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a test from this call' });
  const folder = path.join(dir, 'made');
  await dialog.getByRole('textbox', { name: 'Folder for the scenario and its caller WAVs' }).fill(folder);
  await dialog.getByRole('button', { name: 'Write the scenario' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Wrote .*\.yaml: 1 caller turns/);
  expect(fs.readdirSync(folder).some((f) => f.endsWith('.yaml'))).toBe(true);
  await page.screenshot({ path: test.info().outputPath('make-test-en.png'), fullPage: true });
});
