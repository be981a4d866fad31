// Electron transport for the contract: one invoke channel, sender frame checked, args validated
// by the shared Dispatcher; bus events forwarded to our window only.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Dispatcher } from '../api/dispatcher';
import type { EventBus } from '../api/event-bus';
import type { Logger } from '../logger';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract/ipc-channels';

export function bindIpc(opts: {
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  isTrustedUrl: (url: string) => boolean;
  window: () => BrowserWindow | null;
}): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    const frame = event.senderFrame;
    const win = opts.window();
    if (!frame || !win || event.sender !== win.webContents || frame.parent !== null || !opts.isTrustedUrl(frame.url)) {
      opts.logger.warn('ipc.forbidden_sender', { url: frame?.url ?? '(gone)' });
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This call did not come from the console window' } };
    }
    return opts.dispatcher.dispatch(name, args, { client });
  });
  // The window is one bus client: per-call events (call audio) only for the calls it listens to.
  const client = opts.events.client((name, payload) => {
    const win = opts.window();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    client.close();
  };
}
