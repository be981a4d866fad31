// The endpoint screen after real calls (a Python PSR stand-in streaming to it).
import { test, expect } from './fixtures';
import { connectBridge, type BridgeClient } from './helpers/bridge';
import { pythonPsrCall } from './helpers/python';

let bridge: BridgeClient;

test.beforeEach(async ({ app }) => {
  bridge = await connectBridge(app);
});
test.afterEach(() => bridge.close());

test('after a call has ended, the endpoint says no call is active and lists it under recent calls', async ({ page }) => {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoint' }).click();
  const ended = bridge.waitFor('call:ended', (e) => e.callId === 'py-recent-1', 20_000);
  await pythonPsrCall(status.localUrl!, 'py-recent-1', { B: [[0, 400]] }, 1000).exited;
  await ended;
  await expect(page.getByText('No call is active now.')).toBeVisible();
  await expect(page.getByText('No calls yet')).toHaveCount(0);
  const recent = page.getByRole('list', { name: 'Recent calls' });
  await expect(recent.getByRole('listitem', { name: 'Call py-recent-1' })).toBeVisible();
  await expect(recent.getByRole('listitem', { name: 'Call py-recent-1' })).toContainText('closed');
});
