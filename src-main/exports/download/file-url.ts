import { AppError } from '../../errors/app-error';

/**
 * The output file's URL, checked before we follow it: http(s) only and no user or password in it
 * (a pre-signed URL carries its authorization in the query string, which is fine).
 */
export function checkFileUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused('it is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused(`it uses ${url.protocol.replace(':', '')}, not http(s)`);
  if (url.username || url.password) throw refused('it carries a user name or password');
  return url;
}

const refused = (why: string) =>
  new AppError('network', `Nortech sent a download link Signal Explorer will not follow: ${why}.`, {
    hint: 'Run the export again; if it persists, contact Nortech support.',
  });

/** The URL without its query (which may hold a signature): safe for a message. */
export const safeUrlText = (url: URL) => `${url.protocol}//${url.host}${url.pathname}`;
