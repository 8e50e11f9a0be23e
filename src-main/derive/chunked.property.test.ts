import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DerivationPlan } from '../../src-preload/contract/derive';
import type { RowBatch } from '../formats/row-batch';
import { createDeriver, type DeriveState } from './deriver';
import { deriveChunk, requestWindow } from './lead-in';
import { referenceDerive, type Cell, type Table } from './testing/reference';
import { batchOf, cellsOf, cutsArb, planArb, ranges, signalTypes, tableArb } from './testing/tables';

/*
 * Chunked = whole, for every function: random tables cut into random chunks, each chunk into
 * random batches, derived three ways, all equal to the whole-table reference (testing/reference.ts,
 * the definitions evaluated naively): in one batch; chunk after chunk with the deriver's state
 * saved, cloned (as a worker would receive it) and given to a new deriver; and each chunk on its
 * own with its lead-in, in any order, as parallel workers would.
 */

const sameCell = (x: Cell, y: Cell) =>
  typeof x === 'number' && typeof y === 'number' ? (Number.isNaN(x) && Number.isNaN(y)) || x === y : x === y;

function expectColumnsEqual(got: Cell[][], want: Cell[][], what: string): void {
  want.forEach((col, c) => {
    const g = got[c]!;
    expect(g.length, `${what}: rows of derived ${c + 1}`).toBe(col.length);
    col.forEach((v, i) => {
      if (!sameCell(g[i]!, v)) throw new Error(`${what}: derived ${c + 1}, row ${i}: got ${String(g[i])}, want ${String(v)}`);
    });
  });
}

/** The derived columns (after the signals') of the batches, row after row. */
function derivedCells(batches: RowBatch[], plan: DerivationPlan): Cell[][] {
  return plan.derived.map((d) => batches.flatMap((b) => cellsOf(b.columns.find((c) => c.name === d.name)!.data)));
}

function truthCells(truths: Uint8Array[][]): Cell[][] {
  return truths.map((parts) => parts.flatMap((u) => Array.from(u, (v) => (v === 255 ? null : v === 1))));
}

/** Chunks: time cuts in the table's span; rows of a chunk are those in [start, end). */
function chunksOf(table: Table, at: number[]): { start: number; end: number; from: number; to: number }[] {
  const t = table.t;
  if (!t.length) return [];
  const lo = t[0]!;
  const hi = t.at(-1)! + 1;
  const starts = [lo, ...at.map((f) => lo + Math.floor(f * (hi - lo)))].sort((x, y) => x - y);
  return starts.map((start, k) => {
    const end = starts[k + 1] ?? hi;
    const from = t.findIndex((x) => x >= start);
    const to = t.findIndex((x) => x >= end);
    return { start, end, from: from < 0 ? t.length : from, to: to < 0 ? t.length : to };
  });
}

describe('derived signals: chunked = whole = the reference', () => {
  it('one batch, state carried across chunks and batches, and chunks alone with their lead-in', async () => {
    await fc.assert(
      fc.asyncProperty(
        planArb,
        tableArb,
        cutsArb(),
        fc.array(cutsArb(4), { minLength: 7, maxLength: 7 }),
        fc.infiniteStream(cutsArb(3)),
        async (plan, table, chunkCuts, batchCuts, leadCuts) => {
          const want = referenceDerive(plan, table);
          const wantDerived = want.derived.map((c) => c.cells);
          const n = table.t.length;

          // Whole: one batch.
          const whole = createDeriver(plan, signalTypes).push(batchOf(table, 0, n));
          expectColumnsEqual(derivedCells([whole.batch], plan), wantDerived, 'one batch');
          expectColumnsEqual(truthCells(whole.truths.map((u) => [u])), want.truths, 'one batch, condition');

          // In order, the state handed from chunk to chunk as a worker would get it.
          const chunks = chunksOf(table, chunkCuts);
          let state: DeriveState | undefined;
          const carried: RowBatch[] = [];
          const carriedTruths: Uint8Array[][] = plan.conditions.map(() => []);
          chunks.forEach((c, k) => {
            const d = createDeriver(plan, signalTypes, state && structuredClone(state));
            for (const [from, to] of ranges(c.from, c.to, batchCuts[k % batchCuts.length]!)) {
              const out = d.push(batchOf(table, from, to));
              carried.push(out.batch);
              out.truths.forEach((u, i) => carriedTruths[i]!.push(u));
            }
            state = d.state();
          });
          if (n) {
            expectColumnsEqual(derivedCells(carried, plan), wantDerived, 'state carried');
            expectColumnsEqual(truthCells(carriedTruths), want.truths, 'state carried, condition');
          }

          // Each chunk alone (last first), reading its lead-in: rows with start - t <= leadInMs.
          const parts: RowBatch[][] = [];
          const leads = leadCuts[Symbol.iterator]();
          for (let k = chunks.length - 1; k >= 0; k--) {
            const c = chunks[k]!;
            let leadFrom = c.from;
            while (leadFrom > 0 && c.start - table.t[leadFrom - 1]! <= plan.leadInMs) leadFrom--;
            const batches = ranges(leadFrom, c.to, [
              ...(leads.next().value as number[]),
              (c.from - leadFrom) / Math.max(1, c.to - leadFrom),
            ]).map(([from, to]) => batchOf(table, from, to));
            const out: RowBatch[] = [];
            const gen = deriveChunk(plan, signalTypes, c, { first: k === 0, onPeriod: () => {} }, batches);
            for (let r = await gen.next(); !r.done; r = await gen.next()) out.push(r.value);
            parts[k] = out;
          }
          if (n) expectColumnsEqual(derivedCells(parts.flat(), plan), wantDerived, 'chunks with lead-in');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("a chunk's request", () => {
  it("reaches back by the plan's lead-in, never before the export starts", () => {
    const plan = { derived: [], conditions: [], leadInMs: 600_000 };
    expect(requestWindow(plan, { start: 10_000_000, end: 20_000_000 }, 0)).toEqual({ start: 9_400_000, end: 20_000_000 });
    expect(requestWindow(plan, { start: 10_000_000, end: 20_000_000 }, 9_900_000)).toEqual({ start: 9_900_000, end: 20_000_000 });
    expect(requestWindow({ ...plan, leadInMs: 0 }, { start: 5, end: 6 }, 0)).toEqual({ start: 5, end: 6 });
  });
});
