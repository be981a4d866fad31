// Electron security checklist items that live on the session and web contents: no navigation, no new
// windows or webviews for ANY web contents (a global guard), only the microphone for our own page,
// CSP headers. The decisions themselves are in security-policy.ts.
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../web/static-files';
import { allowNavigation, allowNewWindow, allowPermissionCheck, allowPermissionRequest, allowWebviewAttach, type TrustedUrl } from './security-policy';

export function hardenSession(isTrustedUrl: TrustedUrl): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details.requestingUrl || webContents.getURL();
    callback(allowPermissionRequest(permission, (details as { mediaTypes?: string[] }).mediaTypes, url, isTrustedUrl));
  });
  // file:// pages report the origin "file://", so judge by the requesting page's full URL.
  ses.setPermissionCheckHandler((wc, permission, _origin, details) => {
    const url = details.requestingUrl || wc?.getURL() || '';
    return allowPermissionCheck(permission, (details as { mediaType?: string }).mediaType, url, isTrustedUrl);
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function hardenContents(contents: WebContents, isTrustedUrl: TrustedUrl): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url, isTrustedUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url, isTrustedUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    if (!allowWebviewAttach()) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => (allowNewWindow() ? { action: 'allow' } : { action: 'deny' }));
}

/** Every web contents the app ever creates (windows, devtools, anything a bug opens) gets the guard. */
export function hardenAllContents(isTrustedUrl: TrustedUrl): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isTrustedUrl));
}
