// Dates, times and numbers follow the UI language on every screen: in Vietnamese, vi-VN
// (10:08:08 30/11/2026, decimal comma); in English, en-US (11/30/2026, 10:08:08 AM, decimal point).
import { okReply, startRecorder } from '../unit/psr/helpers';
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';
import { PsrStream } from './helpers/psr-stream';

const VI_DATE_TIME = /^\d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/;
const VI_TIME = /\b\d{2}:\d{2}:\d{2}\b(?! ?[AP]M)/;
const EN_DATE_TIME = /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2} [AP]M$/;

test('history, endpoint, live view and library format in the UI language', async ({ page, app }) => {
  const psr = await startRecorder(okReply('format-call-1'));
  const bridge = await connectBridge(app);
  try {
    const profile = await bridge.call('profiles:save', { name: 'Format PSR', baseUrl: psr.url, authScheme: 'bearer', token: 'format-token-1' });
    await bridge.call('profiles:setActive', { id: profile.id });
    await bridge.call('psr:createStream', { request: { url: 'wss://bot.example.com/ws', destination: '0901234567', app: 'bot' } });
    const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
    const stream = await PsrStream.open(localUrl!, '60fb0716-87cf-437a-91e6-cdcecae2f0a1');
    await stream.play((t) => ({ a: t > 600 ? 0.3 : 0, b: t < 600 ? 0.3 : 0 }), 1_200);

    await page.getByLabel('Language').selectOption('vi');
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    const nav = page.getByRole('navigation');

    // Endpoint: the active call's start time, 24-hour, no AM/PM.
    await nav.getByRole('button', { name: 'Endpoint' }).click();
    await expect(page.getByText(/tenant e2e/)).toHaveText(VI_TIME);
    await expect(page.getByText(/tenant e2e/)).not.toHaveText(/[AP]M/);

    const ended = bridge.waitFor('calls:changed', (p) => p.reason === 'ended');
    await stream.close();
    await ended;

    // Live view: the timeline's seconds use a decimal comma.
    await nav.getByRole('button', { name: 'Cuộc gọi trực tiếp' }).click();
    await expect(page.getByText(/^\d+,\d giây$/).first()).toBeVisible();
    await expect(page.getByText(/^\d+\.\d giây$/)).toHaveCount(0);

    // Create stream: the history's time column.
    await nav.getByRole('button', { name: /^Tạo luồng/ }).click();
    const when = page.getByRole('table', { name: 'Lịch sử' }).getByRole('row').nth(1).getByRole('cell').first();
    await expect(when).toHaveText(VI_DATE_TIME);

    // Library: the call's start.
    await nav.getByRole('button', { name: /^Thư viện/ }).click();
    await expect(page.getByRole('cell', { name: VI_DATE_TIME }).first()).toBeVisible();

    // Back in English, the same history row reads en-US.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await nav.getByRole('button', { name: 'Create stream' }).click();
    const whenEn = page.getByRole('table', { name: 'History' }).getByRole('row').nth(1).getByRole('cell').first();
    await expect(whenEn).toHaveText(EN_DATE_TIME);
  } finally {
    bridge.close();
    await psr.close();
  }
});
