import type { BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE, type WindowBounds } from './window-size';

export interface WindowOptionsInput {
  /** `out/preload/index.cjs`: the only bridge between the page and main. */
  preloadPath: string;
  /** Remembered size and position, already clamped to a visible display; absent: centred default. */
  bounds?: WindowBounds;
  /** Linux shows this in the task bar (Windows and macOS take the packaged app's icon). */
  iconPath?: string;
}

/**
 * The main window's options, in one place so a test can hold them to Electron's security checklist.
 * (A type-only import of electron: nothing of Electron runs here.)
 */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { bounds } = input;
  return {
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : { ...DEFAULT_SIZE, center: true }),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Signal Explorer',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    // Shown on ready-to-show: no white flash, no half-drawn window.
    show: false,
    webPreferences: {
      preload: input.preloadPath,
      // The renderer is an OS-sandboxed Chromium page: no Node, no require, its own JS world.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Dropping a file on the window must not navigate it to that file.
      navigateOnDragDrop: false,
      // A page stuck in alert() loops can be stopped by the user.
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
