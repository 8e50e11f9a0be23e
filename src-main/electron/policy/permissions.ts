import { isAppUrl, type AppLocation } from './app-location';

/**
 * Permissions the page may have: only writing text to the clipboard (a "Copy" button), and only
 * for the app's own page. Camera, microphone, notifications, geolocation, HID/USB/serial, screen
 * capture, fullscreen, opening external apps… are all refused: the app needs none of them.
 */
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string | undefined, loc: AppLocation): boolean {
  return ALLOWED.has(permission) && !!requestingUrl && isAppUrl(requestingUrl, loc);
}
