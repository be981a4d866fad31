// The decisions behind the Electron session and web-contents guards, as plain functions (no electron
// import) so they are unit-tested without the Electron binary. security.ts wires them to Electron.

export type TrustedUrl = (url: string) => boolean;

/** A permission request (getUserMedia prompt): only audio capture, only for our own page. */
export function allowPermissionRequest(permission: string, mediaTypes: readonly string[] | undefined, requestingUrl: string, isTrustedUrl: TrustedUrl): boolean {
  if (permission !== 'media' || !isTrustedUrl(requestingUrl)) return false;
  // No list means Chromium did not say what it wants: refuse rather than guess.
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio');
}

/** A permission check (navigator.permissions, device enumeration): audio only, named explicitly. */
export function allowPermissionCheck(permission: string, mediaType: string | undefined, requestingUrl: string, isTrustedUrl: TrustedUrl): boolean {
  return permission === 'media' && mediaType === 'audio' && isTrustedUrl(requestingUrl);
}

/** Navigation and redirects of any web contents: only to our own page. */
export function allowNavigation(url: string, isTrustedUrl: TrustedUrl): boolean {
  return isTrustedUrl(url);
}

/** New windows and <webview> tags: never (the console has one window and no external links). */
export const allowNewWindow = (): false => false;
export const allowWebviewAttach = (): false => false;
