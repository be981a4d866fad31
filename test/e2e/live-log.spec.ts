// A long call: 10,000 events. The log lives in main and is paged into a virtualised list, so the
// first message can still be found by filter and search at the end.
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';
import { PsrStream } from './helpers/psr-stream';

test('10,000 events: filter and search find the message sent at the start', async ({ page, app }) => {
  const bridge = await connectBridge(app);
  const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Live call' }).click();
  const stream = await PsrStream.open(localUrl!, 'long-call-1', 'e2e', { note: 'needle-at-the-start' });
  await stream.burst(10_000, () => ({ a: 0.1, b: 0.1 }));

  const count = page.getByRole('region', { name: 'Event log' }).getByRole('status');
  await expect.poll(async () => Number(/of (\d+)/.exec((await count.textContent()) ?? '')?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(10_001);
  // Only the visible rows exist in the page.
  expect(await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').count()).toBeLessThan(100);

  await page.getByLabel('Search').fill('needle-at-the-start');
  const rows = page.getByRole('list', { name: 'Event log' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('connected');
  await expect(count).toHaveText(/^1 of \d+ messages$/);

  await page.getByLabel('Search').fill('');
  await page.getByLabel('Type').selectOption('connected');
  await page.getByLabel('Direction').selectOption('in');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('connected (stereo)');

  // Copy one message as JSON.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await rows.first().getByRole('button', { name: /Copy message \d+ as JSON/ }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toMatchObject({ event: 'connected', data: { note: 'needle-at-the-start' } });

  await stream.close();
  bridge.close();
});
