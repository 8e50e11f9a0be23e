import { shell, type Session, type WebContents } from 'electron';
import type { AppLocation } from './policy/app-location';
import { navigationVerdict, windowOpenVerdict } from './policy/navigation';
import { permissionAllowed } from './policy/permissions';
import type { Logger } from '../log/logger';

/** Hands a link to the system browser; the URL has already passed `safeExternalUrl`. */
function openInBrowser(url: string, log: Logger): void {
  shell.openExternal(url).catch((error: unknown) => log.warn('Could not open a link in the system browser', { url, err: error }));
}

/**
 * The app window never leaves the app's page: navigations elsewhere (links, `location = …`,
 * redirects, sub-frames) are cancelled; a checked https link in the main frame opens in the
 * system browser instead; `window.open` never makes a window.
 */
export function guardAppContents(contents: WebContents, loc: AppLocation, log: Logger): void {
  contents.on('will-frame-navigate', (event) => {
    const verdict = navigationVerdict(event.url, loc);
    if (verdict.action === 'stay') return;
    event.preventDefault();
    if (verdict.action === 'open-external' && event.isMainFrame) openInBrowser(verdict.url, log);
  });
  contents.on('will-redirect', (event) => {
    if (navigationVerdict(event.url, loc).action !== 'stay') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const verdict = windowOpenVerdict(url);
    if (verdict.action === 'open-external') openInBrowser(verdict.url, log);
    return { action: 'deny' };
  });
}

/** For every web contents the app ever creates (also DevTools'): no popups, no <webview>. */
export function guardAnyContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Camera, microphone, notifications, USB… are refused; only the app's page may write to the clipboard. */
export function denyPermissions(session: Session, loc: AppLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, loc));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => permissionAllowed(permission, details.requestingUrl, loc));
  session.setDevicePermissionHandler(() => false);
}
