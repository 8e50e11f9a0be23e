/**
 * The renderer's Content-Security-Policy, one source for both deliveries: a `<meta http-equiv>` in
 * the built `index.html` (the desktop app loads it from disk, where there are no headers) and an
 * HTTP header from the browser-mode host.
 *
 * - Scripts only from the app's own files: no inline script, no eval, no remote script.
 * - `connect-src 'self'`: the desktop window talks to main over IPC and fetches nothing; in browser
 *   mode the page calls its own origin (`/api/…`, the event stream). Nortech is reached by the
 *   main process, never by the page.
 * - `style-src 'self'`, no 'unsafe-inline': React applies `style` props through the CSSOM (not
 *   subject to CSP), recharts too (it measures text with `Object.assign(span.style, …)`), and Vite
 *   extracts our CSS to files. A library that injects `<style>` tags would need 'unsafe-inline'
 *   (acceptable: styles cannot run code); e2e/csp.spec.ts reports any violation on load.
 * - `img-src`/`font-src` allow `data:` because Vite inlines small assets as data URLs.
 */
export type CspDelivery = 'meta' | 'header';

export function contentSecurityPolicy(delivery: CspDelivery): string {
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  // Browsers ignore (and warn about) frame-ancestors in a meta tag: only the header can carry it.
  if (delivery === 'header') directives.push(['frame-ancestors', "'none'"]);
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/**
 * Puts the policy first in `<head>`, so it governs every element after it. Refuses HTML it cannot
 * place it in rather than shipping a page without a policy.
 */
export function injectCspMeta(html: string, csp: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error('index.html has no <head>: cannot add the Content-Security-Policy.');
  const at = head.index + head[0].length;
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}" />`;
  return html.slice(0, at) + meta + html.slice(at);
}
