// Desktop entry. Electron-specific glue only: the services are the same plain-Node ones web mode uses.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { createAppServices, type AppServices } from './app-services';
import { openElectronSettings } from './electron/electron-settings';
import { mainClipboard } from './electron/clipboard';
import { bindIpc } from './electron/ipc';
import { createMainWindow, rendererEntry } from './electron/main-window';
import { openSafeStorageSecrets } from './electron/safe-storage-secrets';
import { hardenSession } from './electron/security';

const here = path.dirname(fileURLToPath(import.meta.url));
const devUrl = process.env.ELECTRON_RENDERER_URL;
const indexFile = rendererEntry(here);
const indexUrl = pathToFileURL(indexFile).href;

function isTrustedUrl(url: string): boolean {
  if (devUrl && !app.isPackaged && url.startsWith(new URL(devUrl).origin + '/')) return true;
  return url === indexUrl || url.startsWith(indexUrl + '#') || url.startsWith(indexUrl + '?');
}

let services: AppServices | null = null;
let win: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(async () => {
  hardenSession(isTrustedUrl);
  const settings = openElectronSettings();
  const secrets = openSafeStorageSecrets(settings);
  services = createAppServices({
    mode: 'desktop',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    resourcesDir: app.isPackaged ? process.resourcesPath : path.join(here, '../../resources'),
    settings,
    secrets,
    clipboard: mainClipboard,
  });
  bindIpc({ dispatcher: services.dispatcher, events: services.events, logger: services.ctx.logger, isTrustedUrl, window: () => win });
  win = createMainWindow({
    settings,
    preloadPath: path.join(here, '../preload/index.cjs'),
    isTrustedUrl,
    iconPath: path.join(here, '../../resources/icon.png'),
  });
  win.on('closed', () => (win = null));
  if (devUrl && !app.isPackaged) await win.loadURL(devUrl);
  else await win.loadFile(indexFile);
}).catch((e: unknown) => {
  dialog.showErrorBox('PSR Console could not start', e instanceof Error ? e.message : String(e));
  app.quit();
});

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  // Finalise recordings and close servers before leaving.
  event.preventDefault();
  quitting = true;
  void services.dispose().finally(() => app.quit());
});
