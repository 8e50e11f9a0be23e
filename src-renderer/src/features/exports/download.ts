import { readPageToken } from '../../lib/http-api';

/**
 * Browser mode's "Save…": let the browser download the bytes. The URL is one of the host's /api/
 * routes, which take the page's token as `?token=` where no header can be sent.
 */
export function startDownload(url: string, fileName: string, doc: Document = document): string {
  const token = readPageToken(doc);
  const target = new URL(url, doc.baseURI);
  if (token && target.pathname.startsWith('/api/') && !target.searchParams.has('token')) target.searchParams.set('token', token);
  const a = doc.createElement('a');
  a.href = target.toString();
  a.download = fileName;
  a.rel = 'noopener';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  return target.toString();
}
