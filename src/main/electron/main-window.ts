// The one app window: sandboxed, isolated, no Node; remembers its size and position.
import path from 'node:path';
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import type { SettingsStore } from '../settings/settings-store';
import { hardenContents } from './security';

interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized?: boolean;
}

export function createMainWindow(opts: { settings: SettingsStore; preloadPath: string; isTrustedUrl: (u: string) => boolean; iconPath: string }): BrowserWindow {
  const saved = opts.settings.get<WindowState>('window');
  const area = screen.getPrimaryDisplay().workAreaSize;
  const state: WindowState = saved && saved.width > 300 && saved.height > 200 ? saved : { width: Math.min(1400, area.width), height: Math.min(900, area.height) };
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    x: state.x,
    y: state.y,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'PSR Console',
    icon: opts.iconPath,
    backgroundColor: '#0f1419',
    webPreferences: <WebPreferences & { enableRemoteModule?: boolean }>{
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      // Gone from Electron since v14; stated for scanners and older forks.
      enableRemoteModule: false,
    },
  });
  if (state.maximized) win.maximize();
  hardenContents(win.webContents, opts.isTrustedUrl);
  win.once('ready-to-show', () => win.show());
  const save = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    opts.settings.set('window', { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() });
  };
  win.on('resized', save);
  win.on('moved', save);
  win.on('close', save);
  return win;
}

export function rendererEntry(dir: string): string {
  return path.join(dir, '../renderer/index.html');
}
