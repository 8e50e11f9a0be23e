import type { JobProgress } from '../../../src-preload/contract';
import type { Manifest } from '../manifest/manifest';
import type { ChunkLive } from '../run/chunk-runner';

/*
 * How far an export has come, for the window's bar and the command line's `42%`. By time: each
 * chunk counts for its share of the window, done chunks fully, one being read nearly, one
 * downloading by its bytes; a chunk Nortech is still preparing counts for nothing yet (that wait
 * cannot be seen from here). The time left follows the pace so far.
 */

const WEIGHT = { requesting: 0, downloading: 0.2, reading: 0.8 } as const;

export function jobProgress(m: Manifest, live: ReadonlyMap<string, ChunkLive>, elapsedMs: number, finishing = false): JobProgress {
  const window = { start: Date.parse(m.request.timeWindow.start), end: Date.parse(m.request.timeWindow.end) };
  const span = Math.max(1, window.end - window.start);
  let done = 0;
  let chunksDone = 0;
  let rows = 0;
  let bytes = 0;
  const retrying: JobProgress['retrying'] = [];
  m.chunks.forEach((c, index) => {
    const ms = c.end - c.start;
    if (c.download) bytes += c.download.bytes;
    if (c.state === 'done') {
      done += ms;
      chunksDone++;
      rows += c.rows ?? 0;
      return;
    }
    const l = live.get(c.name);
    if (!l) return;
    const share =
      l.phase === 'downloading' && l.bytesTotal ? WEIGHT.downloading + 0.6 * Math.min(1, l.bytes / l.bytesTotal) : WEIGHT[l.phase];
    done += ms * share;
    rows += l.rows;
    if (l.phase === 'downloading') bytes += l.bytes;
    if (l.retry) retrying.push({ index, slice: { start: c.start, end: c.end }, attempt: l.retry.attempt, reason: l.retry.reason });
  });
  const fraction = Math.min(1, done / span);
  const allDone = m.planned && chunksDone === m.chunks.length;
  return {
    phase: finishing || allDone ? 'finishing' : !m.planned && chunksDone === 0 ? 'planning' : 'exporting',
    fraction: allDone && !finishing ? 1 : fraction,
    chunksDone,
    chunksTotal: m.chunks.length,
    rows,
    bytes,
    etaMs: fraction > 0.01 && fraction < 1 && elapsedMs > 1000 ? Math.round((elapsedMs * (1 - fraction)) / fraction) : null,
    retrying,
  };
}

const REPORT_EVERY_MS = 200;

/**
 * Progress reported a few times a second at most: a change within 200 ms of the last report is
 * sent when that time comes (a retry reported during a Retry-After wait would otherwise reach the
 * window only with the next change); `now` sends at once. `stop` drops what is pending.
 */
export function progressReporter(report: () => void, now: () => number) {
  let last = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const send = () => {
    if (trailing) clearTimeout(trailing);
    trailing = undefined;
    if (stopped) return;
    last = now();
    report();
  };
  return {
    changed() {
      const wait = REPORT_EVERY_MS - (now() - last);
      if (wait <= 0) return send();
      trailing ??= setTimeout(send, wait);
    },
    now: send,
    stop() {
      stopped = true;
      if (trailing) clearTimeout(trailing);
      trailing = undefined;
    },
  };
}
