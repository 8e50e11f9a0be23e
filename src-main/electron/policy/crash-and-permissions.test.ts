import { describe, expect, it } from 'vitest';
import { appLocation } from './app-location';
import { crashPrompt, hangPrompt, shouldOfferReload } from './crash-prompts';
import { permissionAllowed } from './permissions';

describe('crash and hang prompts', () => {
  it.each(['crashed', 'oom', 'killed', 'abnormal-exit', 'launch-failed', 'integrity-failure', 'memory-eviction'])(
    'offers a reload after %s',
    (reason) => {
      expect(shouldOfferReload(reason)).toBe(true);
      const prompt = crashPrompt(reason);
      expect(prompt.buttons[prompt.defaultId]).toBe('Reload');
      expect(prompt.detail).toMatch(/Exports in progress.*kept/);
    },
  );
  it('stays quiet when the page closed normally', () => {
    expect(shouldOfferReload('clean-exit')).toBe(false);
  });
  it('a hang defaults to waiting; Reload is the other choice', () => {
    const prompt = hangPrompt();
    expect(prompt.buttons).toEqual(['Wait', 'Reload']);
    expect(prompt.buttons[prompt.defaultId]).toBe('Wait');
    expect(prompt.buttons[prompt.cancelId]).toBe('Wait');
  });
});

describe('permissionAllowed', () => {
  const loc = appLocation('/opt/se/out', undefined, true);
  const app = 'file:///opt/se/out/renderer/index.html';
  it.each([
    'media',
    'geolocation',
    'notifications',
    'midiSysex',
    'openExternal',
    'display-capture',
    'hid',
    'usb',
    'serial',
    'fullscreen',
    'clipboard-read',
    'unknown',
  ])('refuses %s, even to the app page', (permission) => expect(permissionAllowed(permission, app, loc)).toBe(false));
  it('lets only the app page write to the clipboard', () => {
    expect(permissionAllowed('clipboard-sanitized-write', app, loc)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', loc)).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', undefined, loc)).toBe(false);
  });
});
