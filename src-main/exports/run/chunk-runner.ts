import { join } from 'node:path';
import type { Slice } from '../../../src-preload/contract';
import { AppError } from '../../errors/app-error';
import { chunkName, replaceChunk, type ChunkRecord, type Manifest, type ManifestStore } from '../manifest/manifest';
import { firstSlice, halve, planRest, type PlanOptions } from '../plan/chunk-plan';
import type { Logger } from '../../log/logger';

/*
 * Runs an export's plan: up to `concurrency` chunks at once, each asked for, downloaded and read
 * in turn, every step recorded in the manifest before the next. The plan grows as it runs: a
 * long window starts with a probe, and the rest is cut once the probe says how dense the data is.
 * A chunk Nortech times out on is halved and both halves asked for (down to the plan's floor);
 * a download link that expired is asked for again. One chunk's failure stops the export only once
 * its own retries are spent; finished chunks stay done for Resume. Chunks an earlier run left are
 * checked before this runs (session/reuse.ts): the runner trusts the manifest it is given.
 */

export interface ChunkLive {
  /** Downloaded so far, and in all when the host said. */
  bytes: number;
  bytesTotal?: number;
  /** Rows read so far. */
  rows: number;
  phase: 'requesting' | 'downloading' | 'reading';
  /** Where the chunk starts (progress finds its record by it) and ends. */
  start: number;
  end: number;
  retry?: { attempt: number; reason: string };
}

/** What reading a chunk gave: its rows and their order, and the parts its outputs wrote (recorded for a resume's check). */
export type ChunkRead = Required<Pick<ChunkRecord, 'rows' | 'sourceRows' | 'first' | 'last' | 'parts' | 'duplicates' | 'sorted'>>;

export interface ChunkSteps {
  /** The sync request of one slice: Nortech's request ID and file, or no data in it. */
  request(
    slice: Slice,
    signal: AbortSignal,
    onRetry: (attempt: number, reason: string) => void,
  ): Promise<{ requestId: number; outputFile: string } | null>;
  /** Downloads into the chunk's file; answers it and its size. */
  download(
    chunk: ChunkRecord,
    url: string,
    signal: AbortSignal,
    onBytes: (done: number, total: number | undefined) => void,
    onRetry: (attempt: number, reason: string) => void,
  ): Promise<{ file: string; bytes: number }>;
  /** The SHA-256 of the chunk's downloaded file (taken on this thread while a worker reads the file). */
  checksum(chunk: ChunkRecord): Promise<string>;
  /**
   * Reads the downloaded chunk into the export's sinks; answers rows, first/last time, and what its
   * outputs hold of it. `alone`: no other chunk is being asked for or downloaded (the read may take
   * every worker: nothing else needs the cores now).
   */
  read(chunk: ChunkRecord, signal: AbortSignal, onRows: (rows: number) => void, alone: boolean): Promise<ChunkRead>;
}

export interface RunOptions {
  manifest: ManifestStore;
  steps: ChunkSteps;
  concurrency: number;
  plan: PlanOptions;
  signal: AbortSignal;
  /** Chunks this run may work on (a shard's); all by default. Others are left as they are. */
  owns?: (chunk: ChunkRecord) => boolean;
  /** Something changed: a chunk's state or its live progress. */
  onChange?: (live: ReadonlyMap<string, ChunkLive>) => void;
  /** A chunk is done (any order). */
  onChunkDone?: (chunk: ChunkRecord) => void;
  /** The plan grew (after the probe): may throw to stop the export (e.g. more rows than Excel holds). */
  onPlanned?: (m: Manifest) => void;
  /** Told each chunk tried again and why (a progress event may come too late to show a quick one). */
  log?: Logger;
}

const LINK_REFUSED = new Set([401, 403, 404, 410]);

export async function runChunks(o: RunOptions): Promise<void> {
  const { manifest } = o;
  const request = manifest.get().request;
  const window = { start: Date.parse(request.timeWindow.start), end: Date.parse(request.timeWindow.end) };
  const signals = request.signals.length;
  const owns = o.owns ?? (() => true);
  const live = new Map<string, ChunkLive>();
  const changed = () => o.onChange?.(live);

  // A new plan's first chunk is asked for while its record is written (a snapshot and an fsync,
  // 2-57 ms before the request at a load of 15): the chunk's own records queue behind it, and a
  // crash before it lands leaves a plan without chunks, planned again.
  let firstChunk: ChunkRecord | null = null;
  let planWrite: Promise<unknown> = Promise.resolve();
  if (!manifest.get().chunks.length) {
    const first = firstSlice(window, o.plan);
    const chunk: ChunkRecord = { ...first, name: chunkName(0), state: 'pending', requestIds: [] };
    firstChunk = chunk;
    planWrite = manifest.update((m) => ({ ...m, planned: first.end === window.end, chunks: [chunk] }));
    // Awaited below, once the chunk is on its way; never an unhandled rejection meanwhile.
    planWrite.catch(() => {});
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  o.signal.addEventListener('abort', stop, { once: true });
  const inFlight = new Map<string, Promise<void>>();
  let failure: unknown = null;
  // `concurrency` bounds the chunks being asked for or downloaded: a chunk read in a worker frees
  // its request for the next one, so the server produces while chunks are read (holding it through
  // the read, L's last chunk was asked for 370 ms after the server had finished the others, and the
  // server sat idle meanwhile). At most as many again wait to be read or are read.
  let asking = 0;
  let slotFreed: () => void = () => {};
  const freed = () => new Promise<void>((resolve) => (slotFreed = resolve));
  let nextFree = freed();
  const release = () => {
    asking--;
    slotFreed();
    nextFree = freed();
  };

  // The chunks to start, in plan order: one scan now, then only what changes (a split's halves
  // first, the plan's new chunks last). Scanning all chunks after each one was O(n²): at 100,000
  // chunks nothing had started after 90 s.
  const queue: ChunkRecord[] = (firstChunk ? [firstChunk] : manifest.get().chunks).filter((c) => c.state !== 'done' && owns(c));
  const requeue = (name: string, outcome: 'done' | 'split') => {
    if (outcome === 'split') queue.unshift(...manifest.get().chunks.filter((c) => c.name === `${name}-0` || c.name === `${name}-1`));
  };

  try {
    for (;;) {
      if (failure) throw failure;
      o.signal.throwIfAborted();
      if (!manifest.get().planned && queue.length === 0 && inFlight.size === 0) {
        // The first chunk was not this run's to ask for (a shard's): the plan is read once written.
        await planWrite;
        if (manifest.get().planned) continue;
        const before = manifest.get().chunks.length;
        await extendPlan(o, window, signals);
        queue.push(
          ...manifest
            .get()
            .chunks.slice(before)
            .filter((c) => owns(c)),
        );
        o.onPlanned?.(manifest.get());
        continue;
      }
      while (asking < o.concurrency && inFlight.size < 2 * o.concurrency && queue.length) {
        const chunk = queue.shift()!;
        // Measuring owns chunks only until it has found data.
        if (!owns(chunk)) continue;
        asking++;
        let released = false;
        const once = () => {
          if (released) return;
          released = true;
          release();
        };
        const work = runOne(o, chunk, live, changed, controller.signal, once, () => asking === 0 && queue.length === 0)
          .then((outcome) => requeue(chunk.name, outcome))
          .catch((error: unknown) => {
            if (!failure) failure = error;
            controller.abort();
          })
          .finally(() => {
            once();
            inFlight.delete(chunk.name);
            live.delete(chunk.name);
            changed();
          });
        inFlight.set(chunk.name, work);
      }
      await planWrite;
      // A chunk may have failed meanwhile (and left inFlight): its failure, not "done".
      if (failure) throw failure;
      if (inFlight.size === 0) {
        // Done, or (a shard) what is left belongs to other shards.
        if (manifest.get().planned) return;
        throw new AppError('internal', 'The export stopped with chunks left but none it could run.');
      }
      // A request freed while the plan's record was awaited: start the next chunk now.
      if (asking < o.concurrency && inFlight.size < 2 * o.concurrency && queue.length) continue;
      await Promise.race([...inFlight.values(), nextFree]);
    }
  } catch (error) {
    controller.abort();
    await Promise.allSettled(inFlight.values());
    throw o.signal.aborted ? new AppError('cancelled', 'Cancelled.') : error;
  } finally {
    o.signal.removeEventListener('abort', stop);
  }
}

/** After the probe (or a slice that found nothing), plan the rest of the window. */
async function extendPlan(o: RunOptions, window: Slice, signals: number): Promise<void> {
  await o.manifest.update((m) => {
    const last = m.chunks[m.chunks.length - 1]!;
    const rest = planRest({ start: last.end, end: window.end }, m.measured, signals, o.plan, true);
    const base = m.chunks.length;
    const added: ChunkRecord[] = rest.map((s, i) => ({ ...s, name: chunkName(base + i), state: 'pending', requestIds: [] }));
    const chunks = [...m.chunks, ...added];
    return { ...m, chunks, planned: chunks[chunks.length - 1]!.end === window.end };
  });
}

async function runOne(
  o: RunOptions,
  start: ChunkRecord,
  live: Map<string, ChunkLive>,
  changed: () => void,
  signal: AbortSignal,
  /** Its request and download are over: the next chunk may be asked for. */
  downloaded: () => void,
  /** Whether no chunk is being asked for or downloaded, nor waits to be (the plan's next may still grow from this one). */
  nothingAsked: () => boolean,
): Promise<'done' | 'split'> {
  const { manifest, steps } = o;
  const state: ChunkLive = { bytes: 0, rows: 0, phase: 'requesting', start: start.start, end: start.end };
  live.set(start.name, state);
  const onRetry = (attempt: number, reason: string) => {
    const slice = { start: new Date(chunk.start).toISOString(), end: new Date(chunk.end).toISOString() };
    o.log?.warn('Chunk tried again', { chunk: chunk.name, slice, attempt, reason });
    state.retry = { attempt, reason };
    changed();
  };
  let chunk = start;
  /**
   * The chunk's record from now on, its write queued behind the manifest's earlier ones. The
   * caller awaits it before anything relies on it being on disk: the `requested` and `downloaded`
   * records are written while the file downloads and while it is read (a crash before they land
   * asks for the slice again, as it would have a moment earlier), which took two fsyncs (1-20 ms
   * each here) off every chunk's path.
   */
  const save = (next: ChunkRecord): Promise<unknown> => {
    const name = chunk.name;
    chunk = next;
    const written = manifest.update((m) => replaceChunk(m, name, next));
    // Awaited by the caller later; never an unhandled rejection meanwhile.
    written.catch(() => {});
    return written;
  };
  let downloadedWrite: Promise<unknown> = Promise.resolve();

  for (let linkTries = 0; chunk.state === 'pending'; linkTries++) {
    state.phase = 'requesting';
    changed();
    let answer;
    try {
      answer = await steps.request(chunk, signal, onRetry);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'server-timeout') {
        await split(o, chunk, error, onRetry);
        return 'split';
      }
      throw error;
    }
    if (answer === null) {
      // Nortech has no data in this slice: a chunk of no rows.
      const empty: ChunkRecord = { ...chunk, state: 'done', rows: 0, sourceRows: 0, first: null, last: null, parts: [] };
      await manifest.update((m) => measured(replaceChunk(m, chunk.name, empty), empty, 0));
      chunk = empty;
      o.onChunkDone?.(chunk);
      return 'done';
    }
    const requestedWrite = save({ ...chunk, state: 'requested', requestIds: [...chunk.requestIds, answer.requestId] });
    state.phase = 'downloading';
    state.retry = undefined;
    changed();
    let download;
    try {
      download = await steps.download(
        chunk,
        answer.outputFile,
        signal,
        (done, total) => {
          state.bytes = done;
          state.bytesTotal = total;
          changed();
        },
        onRetry,
      );
    } catch (error) {
      const status = error instanceof AppError ? error.details?.status : undefined;
      if (status !== undefined && LINK_REFUSED.has(status) && linkTries < 2 && !signal.aborted) {
        // The link expired (or its signature was refused): ask Nortech for the slice again.
        onRetry(linkTries + 2, `the download link was refused (HTTP ${status}): asking again`);
        await save({ ...chunk, state: 'pending' });
        continue;
      }
      throw withSlice(error, chunk, 'download');
    }
    await requestedWrite;
    downloadedWrite = save({ ...chunk, state: 'downloaded', download });
  }

  state.phase = 'reading';
  downloaded();
  changed();
  let read;
  let sha256;
  try {
    // Hashing after the read would add its time to every chunk's (S: ~10 ms of ~400).
    [read, sha256] = await Promise.all([
      steps.read(
        chunk,
        signal,
        (rows) => {
          state.rows = rows;
          changed();
        },
        nothingAsked(),
      ),
      steps.checksum(chunk),
    ]);
  } catch (error) {
    throw keptForReport(withSlice(error, chunk, 'decode'), o.manifest.dir, chunk);
  }
  await downloadedWrite;
  // A read that ends as Cancel lands leaves its chunk downloaded (read again on Resume, not asked
  // for again): what Cancel reported as kept stays what is kept.
  o.signal.throwIfAborted();
  const done: ChunkRecord = {
    ...chunk,
    state: 'done',
    download: chunk.download && { ...chunk.download, sha256 },
    ...read,
  };
  // Done and its density in one write; density is measured on what Nortech delivered (an
  // aggregation writes far fewer rows).
  await manifest.update((m) => measured(replaceChunk(m, chunk.name, done), done, read.sourceRows));
  chunk = done;
  o.onChunkDone?.(chunk);
  return 'done';
}

/** Halves a chunk Nortech timed out on; below the floor the export fails naming the slice. */
async function split(
  o: RunOptions,
  chunk: ChunkRecord,
  cause: AppError,
  onRetry: (attempt: number, reason: string) => void,
): Promise<void> {
  const halves = halve(chunk, o.plan);
  if (!halves) {
    throw new AppError(
      'server-timeout',
      `Nortech took too long even for ${describeSlice(chunk)}, the smallest slice Signal Explorer asks for.`,
      {
        ...cause.details,
        slice: { start: chunk.start, end: chunk.end },
        during: 'request',
        hint: 'Request fewer signals at once, or try again later.',
      },
    );
  }
  onRetry(1, `Nortech took too long for ${describeSlice(chunk)}: asking for it in two halves`);
  await o.manifest.update((m) =>
    replaceChunk(
      m,
      chunk.name,
      { ...halves[0], name: `${chunk.name}-0`, state: 'pending', requestIds: [] },
      { ...halves[1], name: `${chunk.name}-1`, state: 'pending', requestIds: [] },
    ),
  );
}

const measured = (m: Manifest, chunk: ChunkRecord, rows: number): Manifest => ({
  ...m,
  measured: { rows: m.measured.rows + rows, ms: m.measured.ms + (chunk.end - chunk.start) },
});

function withSlice(error: unknown, chunk: ChunkRecord, during: 'download' | 'decode'): unknown {
  if (!(error instanceof AppError) || error.kind === 'cancelled') return error;
  return new AppError(error.kind, error.message, {
    ...error.details,
    slice: { start: chunk.start, end: chunk.end },
    during: error.details?.during ?? during,
  });
}

/** A file that is sound but unsupported is kept where it was downloaded, and the message names it. */
function keptForReport(error: unknown, dir: string, chunk: ChunkRecord): unknown {
  if (!(error instanceof AppError) || !error.details?.unsupported || !chunk.download) return error;
  const keptFile = join(dir, chunk.download.file);
  return new AppError(error.kind, `${error.message} (the file is kept at ${keptFile})`, { ...error.details, keptFile });
}

export function describeSlice(s: Slice): string {
  return `${new Date(s.start).toISOString()} – ${new Date(s.end).toISOString()}`;
}
