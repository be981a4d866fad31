// A save whose answer comes late: the profile list's change event arrives first, the user opens a
// new form at once, and the late answer must close only the form that saved — not the new one.
// The bridge is routed so that the save's answer is held until the test releases it.
import { test, expect, openApp } from './fixtures';

test('a late save answer closes only the form that saved, not the one opened since', async ({ page, app }) => {
  const held: (() => void)[] = [];
  await page.routeWebSocket(/\/bridge$/, (ws) => {
    const server = ws.connectToServer();
    const saves = new Set<number>();
    ws.onMessage((m) => {
      if (typeof m === 'string') {
        const j = JSON.parse(m) as { id?: number; call?: string };
        if (j.call === 'profiles:save' && typeof j.id === 'number') saves.add(j.id);
      }
      server.send(m);
    });
    server.onMessage((m) => {
      if (typeof m === 'string') {
        const j = JSON.parse(m) as { id?: number };
        if (typeof j.id === 'number' && saves.has(j.id)) return void held.push(() => ws.send(m));
      }
      ws.send(m);
    });
  });
  await page.goto('about:blank');
  await openApp(page, app.url); // loaded again, now through the routed bridge

  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Saved late');
  await page.getByLabel('Base URL').fill('http://127.0.0.1:9');
  await page.getByLabel('Token', { exact: true }).fill('tok-late-1234');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // The change event shows the profile while its save's answer is still held.
  await expect(page.getByRole('row', { name: /Saved late/ })).toBeVisible();
  await expect.poll(() => held.length).toBe(1);

  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Second');
  for (const release of held.splice(0)) release();
  await expect(page.getByText('Profile “Saved late” saved.')).toBeVisible();
  // The form opened since is still there, with what the user typed.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Second');
  await page.getByLabel('Base URL').fill('http://127.0.0.1:9');
  await page.getByLabel('Token', { exact: true }).fill('tok-second-5678');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('row', { name: /Second/ })).toBeVisible();
  for (const release of held.splice(0)) release();
  await expect(page.getByText('Profile “Second” saved.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveCount(0);
});
