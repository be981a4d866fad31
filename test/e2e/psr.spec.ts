// Create stream, end to end in web mode, as a developer would use it: a 44.1 kHz stereo greeting is
// converted before sending, bad parameter JSON is caught with its position, the answer and the history
// show the call, and presenter mode hides the destination.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectWav } from '../../src/main/audio/wavefile-convert';
import { okReply, sineWav, startRecorder, type Recorder } from '../unit/psr/helpers';
import { expect, openApp, test } from './fixtures';

const DESTINATION = '0901234567';
let rec: Recorder;
let wavPath: string;

test.beforeAll(async () => {
  rec = await startRecorder(okReply('e2e-call-7f3a'));
  wavPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'psr-e2e-wav-')), 'greeting-44k-stereo.wav');
  fs.writeFileSync(wavPath, sineWav({ sampleRate: 44100, channels: 2, seconds: 1.5 }));
});
test.afterAll(async () => {
  await rec.close();
  fs.rmSync(path.dirname(wavPath), { recursive: true, force: true });
});

test('compose, convert, send, see the answer and the history, then hide the number in presenter mode', async ({ page, app }) => {
  // A profile that points at our recording server.
  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Test PSR');
  await page.getByLabel('Base URL').fill(rec.url);
  await page.getByLabel('Token', { exact: true }).fill('e2e-token-123456');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('radio', { name: 'Use Test PSR' }).click();
  await expect(page.getByRole('radio', { name: 'Use Test PSR' })).toBeChecked();

  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  await expect(page.getByRole('heading', { name: 'Create stream', level: 1 })).toBeVisible();

  await page.getByLabel('url — WebSocket URL').fill('wss://bot.example.com/server/ws');
  await page.getByLabel('destination — number to call').fill(DESTINATION);
  await page.getByRole('radio', { name: /^bot — / }).check();
  // No file yet: the bot would play nothing, said beside the field.
  await expect(page.getByText('nothing is played when the destination answers')).toBeVisible();

  // The 44.1 kHz stereo file: details, warning, one-click conversion.
  await page.getByLabel('Choose a WAV file').setInputFiles(wavPath);
  const details = page.getByRole('definition');
  await expect(details.filter({ hasText: '44,100 Hz' })).toBeVisible();
  await expect(details.filter({ hasText: '1.50 s' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'this file is 44,100 Hz, 16-bit, 2 channel(s)' })).toBeVisible();
  await expect(page.getByRole('group', { name: /audio_file/ }).locator('audio')).toHaveCount(1);
  await page.getByRole('button', { name: 'Convert to 16-bit 8 kHz mono' }).click();
  await expect(page.getByText('Converted copy: this is what will be sent.')).toBeVisible();
  await expect(details.filter({ hasText: '8,000 Hz' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Save converted copy' })).toHaveAttribute('download', /8k-mono\.wav$/);

  // Malformed parameter JSON: line and column shown, sending blocked.
  const editor = page.getByRole('textbox', { name: /parameter — JSON/ });
  await editor.click();
  await page.keyboard.type('{"danh_xung": "anh",}');
  await expect(page.getByText('Invalid JSON at line 1, column 21')).toBeVisible();
  await page.getByRole('button', { name: /Send with profile Test PSR/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the fields marked above before sending.' })).toBeVisible();
  expect(rec.requests).toHaveLength(0);

  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('{"danh_xung":"anh"}');
  await expect(page.getByText('Invalid JSON')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Query string the bot receives' })).toHaveText('?call_id=<call_id>&tenant=<tenant>&danh_xung=anh');

  // Send (once, not retried) and see the answer.
  const sendButton = page.getByRole('button', { name: 'Send with profile Test PSR (not retried)' });
  await sendButton.click();
  await expect(page.getByRole('status', { name: 'Call id' })).toHaveText('e2e-call-7f3a');
  await expect.poll(() => rec.requests.length).toBe(1);
  const got = rec.requests[0]!;
  expect(got.headers.authorization).toBe('Bearer e2e-token-123456');
  const file = got.parts.find((p) => p.name === 'audio_file')!;
  expect(inspectWav(file.data!)).toMatchObject({ sampleRate: 8000, bitDepth: '16', channels: 1, isPsrFormat: true });
  expect(got.parts.find((p) => p.name === 'parameter')?.value).toBe('{"danh_xung":"anh"}');

  // After restarting the console (same data folder) and reloading, the history still lists the call.
  await app.restart();
  await openApp(page, app.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await expect(history.getByRole('row').filter({ hasText: 'e2e-call-7f3a' })).toBeVisible();

  // Duplicate it back into the builder, then presenter mode hides the destination everywhere.
  await history.getByRole('button', { name: /^Duplicate into builder request of/ }).first().click();
  await history.getByRole('button', { name: /^Open request of/ }).first().click();
  await expect(page.getByLabel('destination — number to call')).toHaveValue(DESTINATION);
  // The switch follows the saved preference, so it flips once the main process confirms.
  await page.getByRole('switch', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('switch', { name: 'Presenter mode' })).toBeChecked();
  await expect(page.getByLabel('destination — number to call')).not.toHaveValue(DESTINATION);
  await page.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect(page.getByLabel('cURL command')).toBeVisible();
  const onScreen = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((el) => (el as HTMLInputElement).value);
    return document.body.innerText + '\n' + values.join('\n');
  });
  expect(onScreen).not.toContain(DESTINATION);
  await page.getByRole('switch', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('switch', { name: 'Presenter mode' })).not.toBeChecked();
  await expect(page.getByLabel('destination — number to call')).toHaveValue(DESTINATION);
});

test('a failed request shows its coded message and the body verbatim, and goes into the history', async ({ page, app }) => {
  const failing = await startRecorder((_r, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('upstream trunk unavailable (code 17)');
  });
  try {
    await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Broken PSR');
    await page.getByLabel('Base URL').fill(failing.url);
    await page.getByLabel('Token', { exact: true }).fill('e2e-token-654321');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('radio', { name: 'Use Broken PSR' }).click();
    await expect(page.getByRole('radio', { name: 'Use Broken PSR' })).toBeChecked();
    await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
    await page.getByLabel('url — WebSocket URL').fill('/server/ws');
    await page.getByLabel('destination — number to call').fill('0987654321');
    await page.getByLabel('extension — PBX extension').fill('101');
    await page.getByRole('button', { name: 'Send with profile Broken PSR (not retried)' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'PSR_HTTP_5XX' });
    await expect(alert).toContainText('PSR failed with a server error.');
    await expect(alert.locator('pre')).toHaveText('upstream trunk unavailable (code 17)');
    expect(failing.requests).toHaveLength(1);
    const saved = fs.readdirSync(path.join(app.dataDir, 'history'));
    expect(saved).toHaveLength(1);
    expect(fs.readFileSync(path.join(app.dataDir, 'history', saved[0]!), 'utf8')).not.toContain('e2e-token-654321');

    // Re-send from the history: exactly one more request, and a second history row.
    const history = page.getByRole('table', { name: 'History' });
    await history.getByRole('button', { name: /^Re-send request of/ }).first().click();
    await expect(history.getByRole('row').filter({ hasText: 'PSR_HTTP_5XX' })).toHaveCount(2);
    expect(failing.requests).toHaveLength(2);
    expect(failing.requests[1]!.parts).toEqual(failing.requests[0]!.parts);
  } finally {
    await failing.close();
  }
});

test('recordings download through the console (not ready yet, retry, play), local endpoint fills url, non-WAV rejected', async ({ page }) => {
  const wav = sineWav({ sampleRate: 8000, channels: 2, seconds: 0.5 });
  let recordingReady = false;
  const psr = await startRecorder((r, res) => {
    if (r.method === 'POST') return okReply('rec-call-1')(r, res);
    if (r.headers.authorization !== 'Bearer e2e-token-rec-1') {
      res.writeHead(401);
      return res.end();
    }
    if (!recordingReady) {
      res.writeHead(404);
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': 'audio/wav' });
    res.end(wav);
  });
  const notWav = path.join(path.dirname(wavPath), 'notes.wav');
  fs.writeFileSync(notWav, 'this is a text file with a .wav name');
  try {
    await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Rec PSR');
    await page.getByLabel('Base URL').fill(psr.url);
    await page.getByLabel('Token', { exact: true }).fill('e2e-token-rec-1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('radio', { name: 'Use Rec PSR' }).click();
    await expect(page.getByRole('radio', { name: 'Use Rec PSR' })).toBeChecked();

    // The embedded endpoint, on a free port, then "use my local endpoint".
    await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
    await page.getByRole('button', { name: 'Use my local endpoint' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The embedded endpoint is not running' })).toBeVisible();
    await page.getByRole('navigation').getByRole('button', { name: 'Endpoint' }).click();
    await page.getByLabel('Port', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Start endpoint' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
    await expect(async () => {
      await page.getByRole('button', { name: 'Use my local endpoint' }).click();
      await expect(page.getByLabel('url — WebSocket URL')).toHaveValue(/^wss?:\/\/127\.0\.0\.1:\d+\//, { timeout: 1000 });
    }).toPass();

    // A text file named .wav is refused with a clear message.
    await page.getByLabel('Choose a WAV file').setInputFiles(notWav);
    await expect(page.getByRole('alert').filter({ hasText: 'This is not a WAV file.' })).toBeVisible();

    // Drag and drop works like the picker.
    const dropped = sineWav({ sampleRate: 8000, channels: 1, seconds: 0.25 }).toString('base64');
    await page.getByRole('group', { name: 'Drop zone for the audio file' }).evaluate((zone, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dropped.wav', { type: 'audio/wav' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await expect(page.getByText('Ready: 16-bit 8000 Hz mono.')).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'dropped.wav' })).toBeVisible();
    await page.getByRole('button', { name: 'Remove file' }).click();

    await page.getByLabel('destination — number to call').fill('0912000111');
    await page.getByLabel('extension — PBX extension').fill('200');
    await page.getByRole('button', { name: 'Send with profile Rec PSR (not retried)' }).click();
    await expect(page.getByRole('status', { name: 'Call id' })).toHaveText('rec-call-1');

    await page.getByRole('button', { name: 'Download Recording (mixed mono)' }).click();
    await expect(page.getByText('Not ready yet: PSR writes the recording when the call ends.')).toBeVisible();
    recordingReady = true;
    await page.getByRole('button', { name: 'Retry Recording (mixed mono)' }).click();
    const player = page.getByLabel('Player for Recording (mixed mono)');
    await expect(player).toHaveAttribute('src', /^blob:/);
    await expect.poll(() => player.evaluate((a) => (a as HTMLAudioElement).readyState)).toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: /Save file/ })).toHaveAttribute('download', 'rec-call-1.wav');
    const gets = psr.requests.filter((r) => r.method === 'GET');
    expect(gets.map((g) => g.url)).toEqual(['/psr/v1/call/record/rec-call-1.wav', '/psr/v1/call/record/rec-call-1.wav']);
  } finally {
    await psr.close();
  }
});

test('the builder reads in Vietnamese', async ({ page }) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Create stream' }).click();
  await page.getByLabel('Language').selectOption('vi');
  await expect(page.getByRole('heading', { name: 'Tạo luồng cuộc gọi', level: 1 })).toBeVisible();
  await expect(page.getByText('Số điện thoại hoặc số máy lẻ mà PSR sẽ gọi.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Gửi bằng hồ sơ .* \(không thử lại\)/ })).toBeVisible();
});

