import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, injectCspMeta } from './csp';

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k!, v]),
  );

describe('contentSecurityPolicy', () => {
  it.each(['meta', 'header'] as const)('%s: scripts only from our files, nothing remote, no inline, no eval', (delivery) => {
    const d = directives(contentSecurityPolicy(delivery));
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    const all = contentSecurityPolicy(delivery);
    expect(all).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*|blob:/);
  });

  it('only the header carries frame-ancestors (a meta tag cannot)', () => {
    expect(directives(contentSecurityPolicy('header')).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy('meta')).has('frame-ancestors')).toBe(false);
  });
});

describe('injectCspMeta', () => {
  const html =
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <script type="module" src="./assets/index.js"></script>\n  </head>\n</html>';

  it('puts the policy first in <head>, before any script', () => {
    const out = injectCspMeta(html, contentSecurityPolicy('meta'));
    const meta = out.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(out.indexOf('<head>'));
    expect(meta).toBeLessThan(out.indexOf('<script'));
    expect(out).toContain(`content="${contentSecurityPolicy('meta')}"`);
  });

  it('handles <head> with attributes, and refuses a page without a head', () => {
    expect(injectCspMeta('<html><head data-x="1"></head></html>', "default-src 'none'")).toContain(
      '<head data-x="1">\n    <meta http-equiv',
    );
    expect(() => injectCspMeta('<html><body></body></html>', "default-src 'none'")).toThrow(/no <head>/);
  });
});
