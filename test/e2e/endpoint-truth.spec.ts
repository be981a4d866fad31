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
  await expect(recent.getByRole('listitem', { name: 'Ended call py-recent-1' })).toBeVisible();
  await expect(recent.getByRole('listitem', { name: 'Ended call py-recent-1' })).toContainText('closed');
});

test('send any JSON to PSR: the composer warns about a wrong frame but sends it, and lists what was sent', async ({ page }) => {
  const status = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  const psr = pythonPsrCall(status.localUrl!, 'py-composer-1', { B: [[0, 400]] }, 30_000);
  try {
    await page.getByRole('navigation').getByRole('button', { name: 'Endpoint' }).click();
    const call = page.getByRole('listitem', { name: 'Call py-composer-1' });
    await call.getByText('Send any JSON to PSR').click();
    const frame = call.getByRole('textbox', { name: 'Frame (JSON text)' });
    await frame.fill('{"event":"hangupp"}');
    const check = call.getByRole('status', { name: 'Frame check' });
    await expect(check).toContainText('FRAME_UNKNOWN_EVENT');
    await call.getByRole('button', { name: 'Send anyway' }).click();
    await psr.waitFor('received', (e) => e.text === '{"event":"hangupp"}');
    const sent = call.getByRole('list', { name: 'Frames sent' }).getByRole('listitem');
    await expect(sent).toHaveCount(1);
    await expect(sent.first()).toContainText('sent with a warning');
    // A template from the schema is a valid frame, sent as written.
    await call.getByRole('group', { name: 'Action templates' }).getByRole('button', { name: 'transfer' }).click();
    await expect(check).toHaveText('A valid action frame.');
    await call.getByRole('button', { name: 'Send frame' }).click();
    const got = await psr.waitFor('received', (e) => String(e.text).includes('"transfer"'));
    expect(JSON.parse(String(got.text))).toEqual({ event: 'transfer', data: { extension: '1001' } });
    await expect(sent).toHaveCount(2);
    await sent.last().getByRole('button', { name: /^Load the frame sent at/ }).click();
    await expect(frame).toHaveValue('{"event":"hangupp"}');
  } finally {
    await psr.stop();
  }
});
