// Electron security checklist items that live on the session and web contents:
// no navigation, no new windows, only the microphone for our own page, CSP headers.
import { session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../web/static-files';

export function hardenSession(isTrustedUrl: (url: string) => boolean): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details.requestingUrl || webContents.getURL();
    const audioOnly = permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'audio') !== false;
    callback(permission === 'media' && audioOnly && isTrustedUrl(url));
  });
  // file:// pages report the origin "file://", so judge by the requesting page's full URL.
  ses.setPermissionCheckHandler((wc, permission, _origin, details) => {
    const url = details.requestingUrl || wc?.getURL() || '';
    return permission === 'media' && (details as { mediaType?: string }).mediaType !== 'video' && isTrustedUrl(url);
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function hardenContents(contents: WebContents, isTrustedUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows, ever: the console has one window and no external links.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
