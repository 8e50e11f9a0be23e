import { createWriteStream } from 'node:fs';
import { get } from 'node:http';
import { pipeline } from 'node:stream/promises';

/*
 * The download floor: a plain loopback GET piped to a file (no resume, no checks, no progress),
 * the fastest way Node moves these bytes to disk (PERFORMANCE-NOTES: ~255 MB/s).
 */

/** The output file's URL of a finished data request, from the API's status call. */
export function plainDownload(url: string, dest: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`GET ${url} answered ${res.statusCode}`));
      }
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.byteLength));
      pipeline(res, createWriteStream(dest)).then(() => resolve(bytes), reject);
    }).on('error', reject);
  });
}
