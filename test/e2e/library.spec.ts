// The call library: a finished call is listed, opened (waveform), exported to one file, deleted,
// imported back, and replayed through the live view with the same timeline.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';
import { PsrStream } from './helpers/psr-stream';

test('export, delete, import, replay: meters move and the timeline matches', async ({ page, app }, testInfo) => {
  const bridge = await connectBridge(app);
  const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: 'Live call' }).click();

  const callId = 'library-call-1';
  const stream = await PsrStream.open(localUrl!, callId);
  const ended = bridge.waitFor('calls:changed', (p) => p.reason === 'ended');
  await stream.play((t) => {
    const c = t % 2500;
    return { b: c >= 100 && c < 900 ? 0.3 : 0, a: c >= 1600 && c < 2300 ? 0.3 : 0 };
  }, 5_000);
  await stream.close();
  await ended;

  // The live view has seen the end, so its timeline is final.
  await expect(page.getByText(/^ended \(PSR sent closed\)$/)).toBeVisible();
  const laneA = page.getByRole('list', { name: 'Leg A speech' }).getByRole('listitem');
  const laneB = page.getByRole('list', { name: 'Leg B speech' }).getByRole('listitem');
  await expect(laneB).toHaveCount(2);
  await expect(laneA).toHaveCount(2);
  const labels = async () => [...(await laneA.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))), ...(await laneB.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))))];
  const original = await labels();
  const originalMedian = await page.getByRole('status', { name: 'Median turn latency' }).textContent();

  // Library: the call is listed with its turn latency; open it.
  await nav.getByRole('button', { name: 'Call library' }).click();
  const row = page.getByRole('row', { name: new RegExp(callId) });
  await expect(row).toContainText('Leg A, Leg B');
  await expect(row).toContainText(/\d+ ms median \(2 turns\)/);
  await row.getByRole('button', { name: `Open call ${callId}` }).click();
  await expect(page.getByRole('figure', { name: /Recording/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();

  // Export to one file.
  const downloadP = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to a file' }).click();
  const download = await downloadP;
  const file = path.join(testInfo.outputPath(), download.suggestedFilename());
  await download.saveAs(file);
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; callId: string; recordings: unknown[]; log: unknown[] };
  expect(bundle).toMatchObject({ format: 'psr-console-call', callId });
  expect(bundle.recordings.length).toBeGreaterThan(0);

  // Delete it: gone from the list and from disk.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The call was deleted.' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(callId) })).toHaveCount(0);
  expect(fs.existsSync(path.join(app.recordingsDir, `${callId}.wav`))).toBe(false);

  // Import the file back: an imported copy has its own id, so it never merges with a local call.
  const importedId = `${callId}~imported`;
  await page.getByLabel('Exported call file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: `Imported call ${importedId}.` })).toBeVisible();
  await expect(page.getByRole('figure', { name: /Recording/ })).toBeVisible();

  // Replay it through the live view: meters move, the timeline matches the original.
  await page.getByRole('button', { name: 'Replay in the live view' }).click();
  await expect(page.getByRole('heading', { name: 'Live call', level: 1 })).toBeVisible();
  await expect(page.getByText(`${importedId}-replay-1`, { exact: true })).toBeVisible();
  await expect.poll(async () => Number(await page.getByRole('meter', { name: 'Leg B' }).getAttribute('aria-valuenow'))).toBeGreaterThan(-30);
  // A replay can be listened to (its recording is played in step).
  await page.getByRole('button', { name: 'Listen', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop listening' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('ended (replay finished)')).toBeVisible({ timeout: 15_000 });
  await expect(laneB).toHaveCount(2);
  expect(await labels()).toEqual(original);
  await expect(page.getByRole('status', { name: 'Median turn latency' })).toHaveText(originalMedian!);
  bridge.close();
});
