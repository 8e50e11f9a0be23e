/** Longer than any documentation link we mean to open; a guard against a page stuffing data into a URL. */
const MAX_LENGTH = 2048;

/**
 * The URL to hand to the system browser, or null to refuse. Only `https:` with a host and no
 * user name or password in it (`https://nortech.ai@evil.example` reads like one site and opens
 * another). `file:`, `javascript:`, `data:`, `http:`, custom schemes (`ms-settings:`, `smb:`…)
 * are refused: `shell.openExternal` would hand them to whatever program claims them.
 */
export function safeExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    // Not a URL: refused, like any other URL this does not allow.
    return null;
  }
  if (u.protocol !== 'https:') return null;
  if (!u.hostname || u.username || u.password) return null;
  return u.href;
}
