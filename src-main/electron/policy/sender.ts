import { isAppUrl, type AppLocation } from './app-location';

/** What we read of Electron's `WebFrameMain`: enough to test the rule with plain objects. */
export interface FrameLike {
  readonly url: string;
  readonly detached?: boolean;
}

/**
 * May this frame call the main process? Only the app window's own main frame (not an iframe, not
 * another window, not a frame on its way out), and only while it shows the app's own page: if the
 * window were ever navigated elsewhere, that page gets nothing.
 */
export function isAppFrame(frame: FrameLike | null | undefined, mainFrame: object | null | undefined, loc: AppLocation): boolean {
  if (!frame || !mainFrame || frame !== mainFrame) return false;
  if (frame.detached) return false;
  return isAppUrl(frame.url, loc);
}
