import type { DerivationPlan, ValueType } from '../../src-preload/contract/derive';
import type { BatchColumn, RowBatch } from '../formats/row-batch';
import { compile, type Frame, type Node, type NodeRegistry } from './compile';
import type { SavedSamples } from './samples';
import { booleans, columnOf, vecOf, type Vec } from './vectors';

/*
 * The transform: a batch of rows in, the same batch with the derived columns added out, and for
 * each condition whether it holds at each row. Batches must come in time order (a chunk's after the
 * previous chunk's); what the rolling windows, shifts and diffs need of earlier rows is carried in
 * the deriver between batches, and can be saved (`state()`, plain data) and given to a new deriver
 * to go on exactly where it stopped: in another worker, for the next chunk.
 */

/** Everything a deriver carries between batches. Plain data: structured-cloneable, transferable. */
export interface DeriveState {
  /** The last row's time: the next batch must not start before it. */
  lastTime: number;
  /** One per stateful node (hold, shift, rolling_…, diff, rate), in the plan's order. */
  nodes: SavedSamples[];
}

export interface DerivedBatch {
  /** The input's columns as they were, then one per derived signal (named by it). */
  batch: RowBatch;
  /** Per condition: 1 where it holds, 0 where it does not, BOOL_NULL where a missing value leaves it unknown. */
  truths: Uint8Array[];
}

export interface Deriver {
  push(batch: RowBatch): DerivedBatch;
  state(): DeriveState;
}

/** Signals' column kinds as the plan's checker read them, and the derived columns'. */
export function columnTypes(plan: DerivationPlan, signals: ReadonlyMap<string, ValueType>): Map<string, ValueType> {
  const types = new Map(signals);
  for (const d of plan.derived) types.set(d.name, d.type);
  return types;
}

/**
 * `signals`: the kind of each column the batches hold (a float column is a number, json is a
 * string). `state`: where an earlier deriver of the same plan stopped.
 */
export function createDeriver(plan: DerivationPlan, signals: ReadonlyMap<string, ValueType>, state?: DeriveState): Deriver {
  const reg: NodeRegistry = { nodes: [], saved: state?.nodes ?? null, types: columnTypes(plan, signals) };
  const derived: { name: string; node: Node }[] = plan.derived.map((d) => ({ name: d.name, node: compile(d.expression.tree, reg) }));
  const conditions: Node[] = plan.conditions.map((c) => compile(c.expression.tree, reg));
  if (state && state.nodes.length !== reg.nodes.length) throw new Error('A saved state that does not fit these expressions');
  let lastTime = state?.lastTime ?? -Infinity;

  return {
    push(batch) {
      const n = batch.rowCount;
      const t = batch.timestamps;
      for (let i = 0; i < n; i++) {
        const ti = t[i]!;
        if (!(ti >= lastTime))
          throw new Error(`Rows out of time order at ${new Date(ti).toISOString()}: derived signals need ascending timestamps`);
        lastTime = ti;
      }
      const made = new Map<string, Vec>();
      let byName: Map<string, BatchColumn> | null = null;
      const frame: Frame = {
        n,
        t: n === t.length ? t : t.subarray(0, n),
        column(name) {
          const d = made.get(name);
          if (d) return d;
          byName ??= new Map(batch.columns.map((c) => [c.name, c]));
          const c = byName.get(name);
          if (!c) throw new Error(`The rows have no column "${name}" (columns: ${batch.columns.map((x) => x.name).join(', ')})`);
          return vecOf(c.data);
        },
      };
      const columns = [...batch.columns];
      for (const d of derived) {
        const v = d.node(frame);
        made.set(d.name, v);
        columns.push({ name: d.name, data: columnOf(v) });
      }
      const truths = conditions.map((c) => booleans(c(frame)));
      return { batch: { rowCount: n, timestamps: batch.timestamps, columns }, truths };
    },
    state: () => ({ lastTime, nodes: reg.nodes.map((node) => node.save()) }),
  };
}
