import type { JobProgress } from '../../../src-preload/contract';
import { changedSince, type ChunkRecord, type Manifest } from '../manifest/manifest';
import type { ChunkLive } from '../run/chunk-runner';

/*
 * How far an export has come, for the window's bar and the command line's `42%`. By time: each
 * chunk counts for its share of the window, done chunks fully, one being read nearly, one
 * downloading by its bytes; a chunk Nortech is still preparing counts for nothing yet (that wait
 * cannot be seen from here). The time left follows the pace so far.
 */

const WEIGHT = { requesting: 0, downloading: 0.2, reading: 0.8 } as const;

interface Tally {
  doneMs: number;
  chunksDone: number;
  rows: number;
  bytes: number;
}

// Per manifest (each update makes a new one): one plain loop, so that the chunks in flight are
// looked up by start and not by a map lookup per chunk (at 100,000 chunks, the progress reports
// were most of the export's CPU before the first chunk was done).
// Kept by chunk list, and carried from the list before when one record was replaced
// (changedSince): O(1) per update instead of a loop over every chunk.
const tallies = new WeakMap<readonly ChunkRecord[], Tally>();
let last: { chunks: readonly ChunkRecord[]; tally: Tally } | null = null;

function add(t: Tally, c: ChunkRecord, sign: 1 | -1): void {
  if (c.download) t.bytes += sign * c.download.bytes;
  if (c.state !== 'done') return;
  t.doneMs += sign * (c.end - c.start);
  t.chunksDone += sign;
  t.rows += sign * (c.rows ?? 0);
}

function tallyOf(m: Manifest): Tally {
  const known = tallies.get(m.chunks);
  if (known) return known;
  const changed = last ? changedSince(last.chunks, m.chunks) : null;
  let t: Tally;
  if (last && changed) {
    t = { ...last.tally };
    for (const i of changed) {
      add(t, last.chunks[i]!, -1);
      add(t, m.chunks[i]!, 1);
    }
  } else {
    t = { doneMs: 0, chunksDone: 0, rows: 0, bytes: 0 };
    for (const c of m.chunks) add(t, c, 1);
  }
  tallies.set(m.chunks, t);
  last = { chunks: m.chunks, tally: t };
  return t;
}

/** The index of the chunk named `name` that starts at `start` (chunks are sorted by start); -1 when none. */
function indexOf(chunks: Manifest['chunks'], name: string, start: number): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < chunks.length && chunks[i]!.start === start; i++) if (chunks[i]!.name === name) return i;
  return -1;
}

export function jobProgress(m: Manifest, live: ReadonlyMap<string, ChunkLive>, elapsedMs: number, finishing = false): JobProgress {
  const window = { start: Date.parse(m.request.timeWindow.start), end: Date.parse(m.request.timeWindow.end) };
  const span = Math.max(1, window.end - window.start);
  const t = tallyOf(m);
  let done = t.doneMs;
  const { chunksDone } = t;
  let rows = t.rows;
  let bytes = t.bytes;
  const retrying: JobProgress['retrying'] = [];
  for (const [name, l] of live) {
    const found = indexOf(m.chunks, name, l.start);
    // A new plan's first chunk is asked for while its record is written (chunk-runner.ts): until
    // that lands, its live slice stands in, so that a retry of its request is shown meanwhile (a
    // plan's write that outlasted the report after a 503 left the window without the retry).
    const c = found >= 0 ? m.chunks[found] : m.chunks.length === 0 ? { start: l.start, end: l.end, state: 'pending' as const } : undefined;
    const index = Math.max(found, 0);
    if (!c || c.state === 'done') continue;
    const ms = c.end - c.start;
    const share =
      l.phase === 'downloading' && l.bytesTotal ? WEIGHT.downloading + 0.6 * Math.min(1, l.bytes / l.bytesTotal) : WEIGHT[l.phase];
    done += ms * share;
    rows += l.rows;
    if (l.phase === 'downloading') bytes += l.bytes;
    if (l.retry) retrying.push({ index, slice: { start: c.start, end: c.end }, attempt: l.retry.attempt, reason: l.retry.reason });
  }
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
