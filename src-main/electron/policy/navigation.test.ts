import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appEntryUrl, appLocation, isAppUrl, type AppLocation } from './app-location';
import { safeExternalUrl } from './external-url';
import { navigationVerdict, windowOpenVerdict } from './navigation';

const fileLoc = appLocation('/opt/Signal Explorer/resources/app.asar/out', undefined, true);
const devLoc: AppLocation = { kind: 'dev', origin: 'http://localhost:5173' };
const index = pathToFileURL('/opt/Signal Explorer/resources/app.asar/out/renderer/index.html').href;

describe('appLocation', () => {
  it('is the built index.html when packaged, even if ELECTRON_RENDERER_URL is set', () => {
    expect(appLocation('/o', 'http://localhost:5173', true)).toEqual({ kind: 'file', indexUrl: 'file:///o/renderer/index.html' });
  });
  it('is the dev server under electron-vite dev', () => {
    expect(appLocation('/o', 'http://localhost:5173/', false)).toEqual(devLoc);
    expect(appEntryUrl(devLoc)).toBe('http://localhost:5173/');
  });
  it('refuses a dev URL that has no origin', () => {
    expect(() => appLocation('/o', 'file:///tmp/x.html', false)).toThrow(/not an http/);
  });
});

describe('isAppUrl', () => {
  it.each([
    [index, true],
    [`${index}#/history`, true],
    [`${index}?x=1`, true],
    // Spaces encoded or not, the same file.
    ['file:///opt/Signal%20Explorer/resources/app.asar/out/renderer/index.html', true],
    ['file:///opt/Signal Explorer/resources/app.asar/out/renderer/index.html', true],
    // Another file in the same folder, a parent, a network share, another scheme.
    ['file:///opt/Signal%20Explorer/resources/app.asar/out/renderer/evil.html', false],
    ['file:///opt/Signal%20Explorer/resources/app.asar/out/renderer/', false],
    ['file:///etc/passwd', false],
    ['file://evil-host/opt/Signal%20Explorer/resources/app.asar/out/renderer/index.html', false],
    ['https://example.com/index.html', false],
    ['about:blank', false],
    ['not a url', false],
  ])('file mode: %s -> %s', (url, expected) => {
    expect(isAppUrl(url, fileLoc)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/src/main.tsx', true],
    ['http://localhost:5174/', false],
    ['http://127.0.0.1:5173/', false],
    ['https://localhost:5173/', false],
    [index, false],
  ])('dev mode: %s -> %s', (url, expected) => {
    expect(isAppUrl(url, devLoc)).toBe(expected);
  });
});

describe('safeExternalUrl: what may open in the system browser', () => {
  it.each([
    ['https://nortech.ai', 'https://nortech.ai/'],
    ['https://docs.example.com/a/b?c=d#e', 'https://docs.example.com/a/b?c=d#e'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['https://[::1]:8443/', 'https://[::1]:8443/'],
  ])('allows %s', (url, opened) => {
    expect(safeExternalUrl(url)).toBe(opened);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'file://server/share/setup.exe',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://example.com/1234',
    'about:blank',
    'chrome://settings',
    'mailto:someone@example.com',
    'ms-settings:privacy',
    'smb://server/share',
    'ftp://example.com/',
    'ws://example.com/',
    'https://nortech.ai@evil.example/',
    'https://user:pass@example.com/',
    '//example.com/path',
    '/relative/path',
    'https://',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(safeExternalUrl(url)).toBeNull();
  });
});

describe('navigationVerdict', () => {
  it('lets the app page reload', () => {
    expect(navigationVerdict(`${index}#/x`, fileLoc)).toEqual({ action: 'stay' });
  });
  it('sends a checked https link to the browser instead of the window', () => {
    expect(navigationVerdict('https://nortech.ai/docs', fileLoc)).toEqual({ action: 'open-external', url: 'https://nortech.ai/docs' });
  });
  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'http://example.com/', 'data:text/html,x'])('drops %s', (url) => {
    expect(navigationVerdict(url, fileLoc)).toEqual({ action: 'deny' });
  });
});

describe('windowOpenVerdict', () => {
  it('never opens a window of ours, not even on the app page', () => {
    expect(windowOpenVerdict(index)).toEqual({ action: 'deny' });
    expect(windowOpenVerdict('javascript:alert(1)')).toEqual({ action: 'deny' });
  });
  it('opens checked https links in the browser', () => {
    expect(windowOpenVerdict('https://nortech.ai')).toEqual({ action: 'open-external', url: 'https://nortech.ai/' });
  });
});
