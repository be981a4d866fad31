// A demo call ends when whoever started it goes away, instead of running on to the call limit.
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';

test('closing the page during a demo call ends the call', async ({ page, app }) => {
  const watcher = await connectBridge(app);
  const started = watcher.waitFor('call:started', () => true, 20_000);
  await page.getByRole('main').getByRole('button', { name: 'Start demo call' }).click();
  const { callId } = await started;
  await expect(page.getByRole('dialog', { name: 'Demo stage' })).toBeVisible({ timeout: 20_000 });
  const ended = watcher.waitFor('call:ended', (e) => e.callId === callId, 20_000);
  await page.close({ runBeforeUnload: true });
  expect((await ended).callId).toBe(callId);
  // Ended by the console on the caller's behalf, not by the demo bot's own goodbye.
  const sim = await watcher.call('simulator:status');
  expect(sim.calls.find((c) => c.callId === callId)).toMatchObject({ state: 'completed', reason: 'customer-hangup' });
  watcher.close();
});

test('a bridge client that started a demo call and drops (no pagehide) ends it too', async ({ app }) => {
  const watcher = await connectBridge(app);
  const starter = await connectBridge(app);
  const { callId } = await starter.call('simulator:startDemoCall', { legB: 'script' });
  await watcher.waitFor('call:started', (s) => s.callId === callId, 20_000);
  const ended = watcher.waitFor('call:ended', (e) => e.callId === callId, 20_000);
  starter.close();
  expect((await ended).callId).toBe(callId);
  const sim = await watcher.call('simulator:status');
  expect(sim.calls.find((c) => c.callId === callId)).toMatchObject({ state: 'completed', reason: 'customer-hangup' });
  watcher.close();
});
