import { isAppUrl, type AppLocation } from './app-location';
import { safeExternalUrl } from './external-url';

/**
 * What to do when the page tries to go to `url` (a link, `location = …`, `window.open`, a redirect):
 * - `stay`: it is the app's own page (a reload); let it.
 * - `open-external`: never in our window, but a checked https link opens in the system browser.
 * - `deny`: anything else is dropped.
 */
export type NavigationVerdict = { action: 'stay' } | { action: 'open-external'; url: string } | { action: 'deny' };

export function navigationVerdict(url: string, loc: AppLocation): NavigationVerdict {
  if (isAppUrl(url, loc)) return { action: 'stay' };
  const external = safeExternalUrl(url);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

/** `window.open` never makes a window of ours: at most it opens a checked https link in the browser. */
export function windowOpenVerdict(url: string): NavigationVerdict {
  const external = safeExternalUrl(url);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}
