// The call library after real calls (a Python PSR stand-in): search and filters, WAV downloads
// (stereo and per leg), and the call quality the endpoint measured, also in the live view.
import fs from 'node:fs';
import { test, expect } from './fixtures';
import { connectBridge, type BridgeClient } from './helpers/bridge';
import { pythonPsrCall } from './helpers/python';

let bridge: BridgeClient;

test.beforeEach(async ({ app }) => {
  bridge = await connectBridge(app);
});
test.afterEach(() => bridge.close());

/** RMS of each channel of a 16-bit PCM WAV (44-byte header as our recorder and the split write). */
function wavInfo(file: string): { channels: number; rms: number[] } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 4).toString()).toBe('RIFF');
  const channels = b.readUInt16LE(22);
  let off = 12;
  while (b.subarray(off, off + 4).toString() !== 'data') off += 8 + b.readUInt32LE(off + 4);
  const data = b.subarray(off + 8);
  const sums = new Array<number>(channels).fill(0);
  const frames = Math.floor(data.length / (2 * channels));
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) sums[c]! += data.readInt16LE((i * channels + c) * 2) ** 2;
  return { channels, rms: sums.map((s) => Math.sqrt(s / Math.max(1, frames)) / 32768) };
}

async function twoCalls(): Promise<void> {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  const long = bridge.waitFor('call:ended', (e) => e.callId === 'py-lib-long', 30_000);
  await pythonPsrCall(status.localUrl!, 'py-lib-long', { B: [[0, 3000]] }, 3000, { tenant: 'acme', marker: 'needle-4711' }).exited;
  await long;
  const short = bridge.waitFor('call:ended', (e) => e.callId === 'py-lib-short', 30_000);
  await pythonPsrCall(status.localUrl!, 'py-lib-short', { A: [[0, 600]] }, 800, { tenant: 'globex', badFrame: true }).exited;
  await short;
}

test('search and filter the library: text in the log, tenant, source, duration, date', async ({ page }) => {
  await twoCalls();
  await page.getByRole('navigation').getByRole('button', { name: 'Call library' }).click();
  const table = page.getByRole('table', { name: /./ });
  const rows = () => table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows()).toHaveCount(2);
  const search = page.getByRole('search', { name: 'Filter calls' });
  await search.getByRole('searchbox', { name: 'Text in the log' }).fill('needle-4711');
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('py-lib-long');
  await search.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows()).toHaveCount(2);
  await search.getByRole('combobox', { name: 'Tenant' }).selectOption('globex');
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('py-lib-short');
  await search.getByRole('button', { name: 'Clear filters' }).click();
  await search.getByRole('spinbutton', { name: 'Min. duration (s)' }).fill('2');
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('py-lib-long');
  await search.getByRole('button', { name: 'Clear filters' }).click();
  await search.getByRole('combobox', { name: 'Source' }).selectOption('endpoint');
  await expect(rows()).toHaveCount(2);
  // Dates are typed in the console's language, not the browser's: EN month/day/year.
  const to = search.getByRole('textbox', { name: 'To', exact: true });
  await to.fill('31/12/1999');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(search.getByRole('alert')).toHaveText('Expected a date as mm/dd/yyyy');
  await expect(rows()).toHaveCount(2);
  await to.fill('1/1/2000');
  await expect(to).toHaveAttribute('aria-invalid', 'false');
  await expect(rows()).toHaveCount(0);
  await expect(page.getByText('No call matches these filters.')).toBeVisible();
  // In Vietnamese the same bound reads day/month/year, and typing is read that way.
  await page.getByLabel('Language').selectOption('vi');
  const bar = page.getByRole('search', { name: 'Lọc cuộc gọi' });
  const den = bar.getByRole('textbox', { name: 'Đến ngày', exact: true });
  await expect(den).toHaveValue('01/01/2000');
  await expect(bar.getByRole('textbox', { name: 'Từ ngày', exact: true })).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  await den.fill('31/12/2999');
  await expect(rows()).toHaveCount(2);
  await page.getByLabel('Ngôn ngữ').selectOption('en');
  await expect(to).toHaveValue('12/31/2999');
  await search.getByRole('button', { name: 'Clear filters' }).click();
  await expect(to).toHaveValue('');
  await expect(to).toHaveAttribute('placeholder', 'mm/dd/yyyy');
});

test('download the recording as stereo WAV and per leg; quality with a verdict in the library and the live view', async ({ page }) => {
  await twoCalls();
  // Live view: the last call (one bad frame) has ended; its quality and recording are there.
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  await expect(page.getByRole('status', { name: 'Call quality verdict' })).toContainText('Poor.');
  await expect(page.getByLabel('Call quality figures')).toContainText('Bad frames1');
  await expect(page.getByRole('group', { name: 'Download the recording' }).getByRole('button', { name: /^Download WAV \(stereo/ })).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Call library' }).click();
  await expect(page.getByRole('row', { name: /py-lib-short/ })).toContainText('poor');
  await page.getByRole('button', { name: 'Open call py-lib-long' }).click();
  // Its timing verdict depends on the machine's load; its bad frames do not.
  await expect(page.getByRole('status', { name: 'Call quality verdict' })).toContainText(/^(Good|Fair|Poor)\./);
  await expect(page.getByLabel('Call quality figures')).toContainText('Bad frames0');
  const group = page.getByRole('group', { name: 'Download the recording' });
  const files: Record<string, string> = {};
  for (const [key, name] of [['stereo', /^Download WAV \(stereo/], ['a', 'Download Leg A (WAV)'], ['b', 'Download Leg B (WAV)']] as const) {
    const dl = page.waitForEvent('download');
    await group.getByRole('button', { name }).click();
    const d = await dl;
    files[key] = (await d.path())!;
    expect(d.suggestedFilename()).toMatch(/^py-lib-long-endpoint.*\.wav$/);
  }
  const stereo = wavInfo(files.stereo!);
  expect(stereo.channels).toBe(2);
  const a = wavInfo(files.a!);
  const b = wavInfo(files.b!);
  expect([a.channels, b.channels]).toEqual([1, 1]);
  // The caller (B) carried the tone for the whole call, leg A was silent.
  expect(b.rms[0]!).toBeGreaterThan(0.1);
  expect(a.rms[0]!).toBeLessThan(0.001);
});
