import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planDerivations,
  type ConditionPeriod,
  type ConditionSummary,
  type DeriveColumn,
  type DerivationPlan,
  type ValueType,
} from '../../src-preload/contract/derive';
import type { RowBatch } from '../formats/row-batch';
import { ConditionJoin } from './condition-join';
import { deriveBatches, rulesOf } from './derive-chunk';
import { deriveChunk } from './lead-in';
import type { ConditionEdges } from './condition-tracker';
import { referenceDerive, referencePeriods } from './testing/reference';
import { batchOf, cutsArb, planArb, ranges, signalTypes, tableArb } from './testing/tables';

const M = 60_000;
const H = 3_600_000;
const columns: DeriveColumn[] = [
  { name: 'temp', type: 'number', unit: '°C' },
  { name: 'mode', type: 'string', unit: '' },
];
const types = new Map<string, ValueType>(columns.map((c) => [c.name, c.type]));

function batch(t: number[], temp: number[], mode?: (string | null)[]): RowBatch {
  return {
    rowCount: t.length,
    timestamps: Float64Array.from(t),
    columns: [
      { name: 'temp', data: { kind: 'float', values: Float64Array.from(temp) } },
      { name: 'mode', data: { kind: 'string', values: mode ?? t.map(() => 'RUN') } },
    ],
  };
}

function plan(expression: string, statsOf?: string): DerivationPlan {
  const r = planDerivations(columns, { derived: [], conditions: [{ name: 'c', expression, statsOf }] });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.plan;
}

/** Periods and summary of the condition over batches taken in one pass. */
async function periodsOf(p: DerivationPlan, batches: RowBatch[]): Promise<{ periods: ConditionPeriod[]; summary: ConditionSummary }> {
  const periods: ConditionPeriod[] = [];
  const gen = deriveBatches(p, types, batches, (_, period) => periods.push(period));
  let r = await gen.next();
  while (!r.done) r = await gen.next();
  return { periods, summary: r.value[0]! };
}

/** The same, each batch a chunk on its own (no lead-in needed here), joined in order. */
async function periodsByChunk(p: DerivationPlan, chunks: RowBatch[]): Promise<{ periods: ConditionPeriod[]; summary: ConditionSummary }> {
  const inside: ConditionPeriod[][] = chunks.map(() => []);
  const edges: ConditionEdges[] = [];
  for (let k = chunks.length - 1; k >= 0; k--) {
    const b = chunks[k]!;
    const slice = { start: b.timestamps[0] ?? 0, end: (b.timestamps[b.rowCount - 1] ?? 0) + 1 };
    const gen = deriveChunk(p, types, slice, { first: k === 0, onPeriod: (_, period) => inside[k]!.push(period) }, [b]);
    let r = await gen.next();
    while (!r.done) r = await gen.next();
    edges[k] = r.value.conditions[0]!;
  }
  const periods: ConditionPeriod[] = [];
  const join = new ConditionJoin(rulesOf(p.conditions[0]!), (period) => periods.push(period));
  edges.forEach((e, k) => {
    join.add(e);
    periods.push(...inside[k]!);
  });
  const summary = join.finish();
  return { periods, summary };
}

const minutes = (n: number) => Array.from({ length: n }, (_, i) => i * M);
const temps = [70, 85, 90, NaN, 88, 70, 81, 82, 83, 84, 85, 86, 75];

describe('conditions, by hand', () => {
  it('a period starts at the first sample that holds and ends at the first that does not; a missing value changes nothing', async () => {
    const { periods, summary } = await periodsOf(plan('temp > 80', 'temp'), [batch(minutes(13), temps)]);
    expect(periods).toEqual([
      { start: 1 * M, end: 5 * M, durationMs: 4 * M, min: 85, max: 90, mean: (85 + 90 + 88) / 3, endedBy: 'condition' },
      { start: 6 * M, end: 12 * M, durationMs: 6 * M, min: 81, max: 86, mean: 83.5, endedBy: 'condition' },
    ]);
    expect(summary).toEqual({ periods: 2, trueMs: 10 * M, longest: periods[1] });
  });

  it('`for` keeps the periods that last long enough (or short enough)', async () => {
    const long = await periodsOf(plan('temp > 80 for >= 5m'), [batch(minutes(13), temps)]);
    expect(long.periods.map((p) => [p.start, p.end, p.min])).toEqual([[6 * M, 12 * M, null]]);
    expect(long.summary).toMatchObject({ periods: 1, trueMs: 6 * M });
    const exactly = await periodsOf(plan('temp > 80 for > 4m'), [batch(minutes(13), temps)]);
    expect(exactly.periods).toHaveLength(1);
    const short = await periodsOf(plan('temp > 80 for <= 4m'), [batch(minutes(13), temps)]);
    expect(short.periods.map((p) => p.start)).toEqual([1 * M]);
  });

  it('a silence longer than the hold (1h) is a gap: the period ends at its last sample that held', async () => {
    const t = [0, 1 * M, 2 * M, 2 * H, 2 * H + M, 3 * H - 1];
    const { periods } = await periodsOf(plan('temp > 80', 'temp'), [batch(t, [85, 86, 87, 90, 70, 95])]);
    expect(periods).toEqual([
      { start: 0, end: 2 * M, durationMs: 2 * M, min: 85, max: 87, mean: 86, endedBy: 'gap' },
      { start: 2 * H, end: 2 * H + M, durationMs: M, min: 90, max: 90, mean: 90, endedBy: 'condition' },
      { start: 3 * H - 1, end: 3 * H - 1, durationMs: 0, min: 95, max: 95, mean: 95, endedBy: 'end-of-data' },
    ]);
    // Unknown rows inside the silence do not carry it.
    const { periods: withUnknown } = await periodsOf(plan('temp > 80'), [batch([0, 30 * M, 61 * M, 62 * M], [85, NaN, 86, 70])]);
    expect(withUnknown.map((p) => [p.start, p.end, p.endedBy])).toEqual([
      [0, 0, 'gap'],
      [61 * M, 62 * M, 'condition'],
    ]);
  });

  it('at the end of the data, an open period ends at its last sample that held; unknown rows after it are not its own', async () => {
    const { periods } = await periodsOf(plan('temp > 80', 'temp'), [batch(minutes(4), [70, 85, 86, NaN])]);
    expect(periods).toEqual([{ start: M, end: 2 * M, durationMs: M, min: 85, max: 86, mean: 85.5, endedBy: 'end-of-data' }]);
  });

  it('strings and combinations, missing values decided by Kleene logic', async () => {
    const mode = ['STOP', 'RUN', 'RUN', null, 'RUN', 'STOP'];
    const run = await periodsOf(plan('mode == "RUN"'), [batch(minutes(6), [1, 2, 3, 4, 5, 6], mode)]);
    expect(run.periods.map((p) => [p.start, p.end])).toEqual([[M, 5 * M]]);
    // At minute 3 mode is missing but temp < 3 is false, so `and` is false there: the period ends.
    const both = await periodsOf(plan('mode == "RUN" and temp < 3.5'), [batch(minutes(6), [1, 2, 3, 4, 5, 6], mode)]);
    expect(both.periods.map((p) => [p.start, p.end])).toEqual([[M, 3 * M]]);
    // hold() puts a slower signal beside a faster one.
    const held = await periodsOf(plan('hold(mode) == "RUN" and temp > 1'), [batch(minutes(6), [1, 2, 3, 4, 5, 6], mode)]);
    expect(held.periods.map((p) => [p.start, p.end])).toEqual([[M, 5 * M]]);
  });

  it('a period across chunks is one period, whatever the cuts', async () => {
    const whole = await periodsOf(plan('temp > 80', 'temp'), [batch(minutes(13), temps)]);
    for (const cuts of [[1], [3], [2, 3, 4], [5, 6, 7, 8, 9, 10, 11, 12], [0, 13]]) {
      const t = minutes(13);
      const pieces = [0, ...cuts, 13].slice(1).map((end, i, a) => {
        const from = i === 0 ? 0 : a[i - 1]!;
        return batch(t.slice(from, end), temps.slice(from, end));
      });
      expect(
        await periodsByChunk(
          plan('temp > 80', 'temp'),
          pieces.filter((b) => b.rowCount),
        ),
      ).toEqual(whole);
    }
  });
});

describe('conditions: streamed, chunked and joined = a scan of the whole table', () => {
  it('random tables, conditions and cuts', async () => {
    await fc.assert(
      fc.asyncProperty(
        planArb,
        tableArb,
        cutsArb(),
        fc.array(cutsArb(3), { minLength: 7, maxLength: 7 }),
        async (p, table, chunkCuts, batchCuts) => {
          const c = p.conditions[0]!;
          const ref = referenceDerive(p, table);
          const statsColumn = c.statsOf === null ? null : c.statsOf === 'd1' ? ref.derived[0]! : table.columns.get(c.statsOf)!;
          const stats = statsColumn && statsColumn.cells.map((v) => (typeof v === 'number' ? v : v === null ? NaN : v ? 1 : 0));
          const want = referencePeriods(c, table.t, ref.truths[0]!, stats);
          const n = table.t.length;

          // One pass, in random batches.
          const periods: ConditionPeriod[] = [];
          const gen = deriveBatches(
            p,
            signalTypes,
            ranges(0, n, batchCuts[0]!).map(([a, b]) => batchOf(table, a, b)),
            (_, x) => periods.push(x),
          );
          let r = await gen.next();
          while (!r.done) r = await gen.next();
          expect(periods).toEqual(want.periods);
          expect(r.value[0]).toEqual(want.summary);

          // Chunks apart (with their lead-in, last first), joined in order.
          const t = table.t;
          const lo = t[0] ?? 0;
          const hi = (t.at(-1) ?? 0) + 1;
          const starts = [lo, ...chunkCuts.map((f) => lo + Math.floor(f * (hi - lo)))].sort((a, b) => a - b);
          const inside: ConditionPeriod[][] = starts.map(() => []);
          const edges: ConditionEdges[] = [];
          for (let k = starts.length - 1; k >= 0; k--) {
            const slice = { start: starts[k]!, end: starts[k + 1] ?? hi };
            const from = t.findIndex((x) => slice.start - x <= p.leadInMs);
            const toRaw = t.findIndex((x) => x >= slice.end);
            const to = toRaw < 0 ? n : toRaw;
            const rows = from < 0 ? [] : ranges(from, Math.max(from, to), batchCuts[k % 7]!).map(([a, b]) => batchOf(table, a, b));
            const g = deriveChunk(p, signalTypes, slice, { first: k === 0, onPeriod: (_, x) => inside[k]!.push(x) }, rows);
            let s = await g.next();
            while (!s.done) s = await g.next();
            // Through JSON, as a manifest keeps them.
            edges[k] = JSON.parse(JSON.stringify(s.value.conditions[0]!)) as ConditionEdges;
          }
          const joined: ConditionPeriod[] = [];
          const join = new ConditionJoin(rulesOf(c), (x) => joined.push(x));
          edges.forEach((e, k) => {
            join.add(e);
            joined.push(...inside[k]!);
          });
          expect(join.finish()).toEqual(want.summary);
          expect(joined).toEqual(want.periods);
        },
      ),
      { numRuns: 300 },
    );
  });
});
