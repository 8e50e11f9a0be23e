import { describe, expect, it } from 'vitest';
import { windowOptions } from './window-options';

describe('windowOptions', () => {
  const opts = windowOptions({ preloadPath: '/app/out/preload/index.cjs' });
  const web = opts.webPreferences!;

  it('holds the renderer to Electron’s security checklist', () => {
    expect(web).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    // Nothing that would loosen it slips in under another name.
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web).not.toHaveProperty('additionalArguments');
    expect(web).not.toHaveProperty('enableRemoteModule');
  });

  it('loads our preload only', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs');
  });

  it('opens hidden (shown when ready), centred at the default size without a remembered place', () => {
    expect(opts).toMatchObject({ show: false, center: true, width: 1440, height: 900, minWidth: 1024, minHeight: 640 });
    expect(opts).not.toHaveProperty('x');
  });

  it('takes a remembered place as given', () => {
    const placed = windowOptions({ preloadPath: 'p', bounds: { x: 10, y: 20, width: 1200, height: 700 } });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 1200, height: 700 });
    expect(placed).not.toHaveProperty('center');
    expect(placed.webPreferences).toEqual({ ...web, preload: 'p' });
  });
});
