// Log lines and end reasons the main process sends as codes are worded in the UI language: in
// Vietnamese, a frame PSR got wrong and a dropped socket read in Vietnamese, not main's English.
import WebSocket from 'ws';
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';

test('coded log lines and the end reason read in Vietnamese', async ({ page, app }) => {
  const bridge = await connectBridge(app);
  const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  await page.getByLabel('Language').selectOption('vi');
  await page.getByRole('navigation').getByRole('button', { name: 'Cuộc gọi trực tiếp' }).click();

  const u = new URL(localUrl!);
  u.searchParams.set('call_id', '60fb0716-87cf-437a-91e6-cdcecae2b10c');
  u.searchParams.set('tenant', 'e2e');
  const ws = new WebSocket(u.toString());
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  ws.send(JSON.stringify({ timestamp: Date.now(), event: 'connected', data: { call_id: '60fb0716-87cf-437a-91e6-cdcecae2b10c', channel: 'stereo' } }));
  ws.send(JSON.stringify({ not_an_event: true }));
  const ended = bridge.waitFor('calls:changed', (p) => p.reason === 'ended');
  ws.terminate(); // no `closed`: a dropped call
  await ended;
  bridge.close();

  const log = page.getByRole('list', { name: 'Nhật ký sự kiện' });
  await expect(log.getByRole('listitem').filter({ hasText: 'FRAME_BAD_SHAPE' })).toContainText('cần một đối tượng JSON có trường "event" kiểu chuỗi');
  await expect(log.getByRole('listitem').filter({ hasText: 'CALL_DROPPED' })).toContainText('kết nối bị đóng mà không có sự kiện closed');
  await expect(log).not.toContainText('expected a JSON object');
  await expect(page.getByText('đã kết thúc (mất kết nối)')).toBeVisible();
});
