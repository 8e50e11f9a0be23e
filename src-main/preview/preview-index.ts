import type { Series, TimeRange } from '../../src-preload/contract';
import { DoublesArena, previewBuffers } from './buffer-pool';
import { ChunkSet } from './chunk-set';
import { indexRows } from './index-rows';
import { indexStats } from './index-stats';
import { pixelGrid } from './pixel-grid';
import type { PreviewColumn, PreviewIndex, PreviewStats, SeriesAnswer } from './preview-types';
import { seriesFromFine } from './series-from-fine';
import { seriesFromRows } from './series-from-rows';
import { seriesFromSummaries } from './series-from-summary';
import { blocksInRange } from './summary-plan';
import { FINE_ROWS } from '../store/fine-index';

/*
 * The preview of one export, in the main process: chunks arrive in any order (addChunk, with the
 * summary decoded from the bytes the worker sent or from the file History kept), and every answer
 * is made from the summaries, reading rows from the stores only where a zoom or a page needs them.
 * Nothing of an export's columns is held but the summaries.
 *
 * Wiring: in the decode worker, per chunk, createChunkSink(dir, columns, baseBlockRows(rows,
 * columns)) takes every batch (store + summary) and finish() writes summary.bin and gives its bytes
 * to transfer; here, decodeSummary(bytes) (or readChunkSummary(dir) when History reopens) goes to
 * addChunk. Answers: full view 3.5 ms for XL (50 × 1 M rows, 1,000 points, with the wire), see
 * bench/cases/zoom-summary.ts.
 */

/** A pause longer than this many usual spacings is a gap in the source: the line breaks there. */
export const GAP_FACTOR = 5;

/**
 * The summary answers a range holding more than this many rows a pixel column, as long as its
 * level-0 blocks are narrower than a pixel column (more blocks than columns); below, the fine
 * index with the rows (over FINE_ROWS a column), else the rows alone.
 */
export const RAW_ROWS_PER_POINT = 16;

/**
 * Never more rows than this read for one answer (16 MB a column): a chart 20,000 pixels wide over
 * most of a year would otherwise read 19 M rows a column. Beyond it the summary answers, its
 * blocks then a little wider than a pixel column (each block's points still at their own times);
 * the fine index reads the rows too.
 */
export const RAW_MAX_ROWS = 2_000_000;

export interface PreviewIndexOptions {
  window: TimeRange;
  columns: PreviewColumn[];
  /** Chunks the export is made of (the answers say how many are in). */
  chunks: number;
}

export function createPreviewIndex(opts: PreviewIndexOptions): PreviewIndex {
  const { window, columns } = opts;
  const set = new ChunkSet(columns.length);
  let stats: { version: number; answer: Promise<PreviewStats[]> } | null = null;

  const dataRange = (): TimeRange | null => {
    const loaded = set.list.filter((c) => c.summary.rows > 0);
    if (!loaded.length) return null;
    const last = loaded[loaded.length - 1]!.summary;
    return { start: loaded[0]!.summary.blockStart[0]!, end: last.blockEnd[last.blockEnd.length - 1]! };
  };

  return {
    addChunk(chunk) {
      const got = chunk.summary.columns;
      if (got.length !== columns.length || got.some((c, i) => c.name !== columns[i]!.name || c.kind !== columns[i]!.kind)) {
        throw new Error(`Chunk ${chunk.name} has columns ${got.map((c) => c.name).join(', ')}, not the export's.`);
      }
      set.add(chunk);
    },

    async series(range, points, options = {}) {
      const shown = range ?? window;
      const grid = pixelGrid(shown, points);
      const source = options.source ?? 'auto';
      let blocks = 0;
      let rows = 0;
      for (const c of set.list) {
        const n = blocksInRange(c.summary, grid);
        blocks += n;
        rows += n * c.summary.blockRows;
      }
      const path =
        source !== 'auto'
          ? source
          : (blocks > points && rows > RAW_ROWS_PER_POINT * points) || rows > RAW_MAX_ROWS
            ? 'summary'
            : rows > FINE_ROWS * points
              ? 'fine'
              : 'rows';
      const arena = options.lend ? new DoublesArena(previewBuffers) : null;
      const alloc = arena ? (n: number) => arena.take(n) : undefined;
      let made;
      try {
        made =
          path === 'summary'
            ? await seriesFromSummaries(set, columns, grid, GAP_FACTOR, alloc)
            : path === 'fine'
              ? await seriesFromFine(set, columns, grid, GAP_FACTOR, alloc)
              : await seriesFromRows(set, columns, grid, GAP_FACTOR, alloc);
      } finally {
        // Lent points are the pool's again once the caller's turn of the event loop is over.
        if (arena) setImmediate(() => arena.release());
      }
      const answer: SeriesAnswer = {
        range: shown,
        window,
        dataRange: dataRange(),
        series: made.map((p, c): Series => {
          const { name: column, dataType, physicalUnit } = columns[c]!;
          const { t, v, downsampled, sourcePoints } = p;
          const common = { column, dataType, physicalUnit, downsampled, sourcePoints, t };
          return v instanceof Float64Array ? { ...common, shape: 'line', v } : { ...common, shape: 'steps', v };
        }),
        chunks: { done: set.list.length, total: opts.chunks },
      };
      return answer;
    },

    stats() {
      if (!stats || stats.version !== set.version) {
        const mine = { version: set.version, answer: indexStats(set, columns, GAP_FACTOR) };
        // A failed read is not kept as the answer: the next call tries again.
        mine.answer.catch(() => stats === mine && (stats = null));
        stats = mine;
      }
      return stats.answer;
    },

    rows(request) {
      return indexRows(set, columns, request);
    },

    close() {
      return set.close();
    },
  };
}
