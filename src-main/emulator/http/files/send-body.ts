import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BodyFaults {
  /** Destroy the connection after this many body bytes. */
  cutAfterBytes: number | null;
  /** Send at about this rate. */
  bytesPerSec: number | null;
}

/**
 * Copies a file stream into the response, honouring backpressure, and applies the download
 * faults: a slow body (sent in slices paced to the rate) and a connection cut after K bytes.
 * The headers have already promised the full Content-Length, so a cut looks to the client like
 * a network failure mid-download, which is what it is meant to test.
 */
export async function sendBody(res: ServerResponse, body: Readable, faults: BodyFaults): Promise<void> {
  const started = performance.now();
  let sent = 0;
  const closed = () => res.destroyed || res.writableEnded;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      let data = chunk;
      while (data.byteLength > 0) {
        if (closed()) return;
        let slice = data;
        if (faults.bytesPerSec) slice = slice.subarray(0, Math.max(1, Math.floor(faults.bytesPerSec / 10)));
        let cut = false;
        if (faults.cutAfterBytes !== null && sent + slice.byteLength >= faults.cutAfterBytes) {
          slice = slice.subarray(0, Math.max(0, faults.cutAfterBytes - sent));
          cut = true;
        }
        if (faults.bytesPerSec) {
          // Send this slice when it is due at the configured rate: n bytes take n / rate seconds.
          const due = started + ((sent + slice.byteLength) / faults.bytesPerSec) * 1000;
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait);
        }
        if (slice.byteLength > 0) await write(res, slice, cut);
        sent += slice.byteLength;
        if (cut) {
          // Let the bytes reach the socket, then drop the connection without finishing the body.
          res.socket?.destroy();
          res.destroy();
          return;
        }
        data = data.subarray(slice.byteLength);
      }
    }
    res.end();
  } catch {
    // The file could not be read to the end: a cut body is what the client must see (and retry).
    res.destroy();
  } finally {
    body.destroy();
  }
}

/** Writes; waits for 'drain' when the buffer is full, or for the flush itself when `flush`. */
function write(res: ServerResponse, data: Buffer, flush: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err?: Error | null) => {
      if (settled) return;
      settled = true;
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    // A client that goes away never drains: stop waiting.
    const onClose = () => done(new Error('connection closed'));
    res.on('close', onClose);
    const ok = res.write(data, (err) => (flush || err ? done(err) : undefined));
    if (flush) return;
    if (ok) done();
    else res.on('drain', onDrain);
  });
}
