import { rename, writeFile } from 'node:fs/promises';
import { planDerivations, type ConditionPeriod } from '../../../src-preload/contract/derive';
import type { RowBatch } from '../../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../../formats/slice-batch';
import { createChunkDerivation } from '../../derive/derive-chunk';
import type { ConditionEdges } from '../../derive/condition-tracker';
import type { TransformSpec } from './worker-protocol';

/*
 * The derive stage of a task (worker/batch-transforms.ts): rows before `from` (a chunk's lead-in)
 * warm the rolling windows and shifts and are dropped; the others come out with their derived
 * columns, and each condition's periods found in them are kept for the chunk's periods file, with
 * the edges the main process joins across chunks (session/conditions.ts).
 */

type DeriveSpec = Extract<TransformSpec, { kind: 'derive' }>;

/** A chunk's periods file: per condition, the periods final inside it and what it leaves open at its ends. */
export interface ChunkPeriods {
  periods: ConditionPeriod[][];
  edges: ConditionEdges[];
}

export interface DeriveStage {
  add(batch: RowBatch): RowBatch[];
  finish(): RowBatch[];
  close(): Promise<void>;
}

export function openDeriveStage(spec: DeriveSpec): DeriveStage {
  const planned = planDerivations(spec.signals, spec.derivations);
  if (!planned.ok) throw new Error(`Derivations that do not check: ${planned.issues.map((i) => i.message).join('; ')}`);
  const { plan } = planned;
  const periods: ConditionPeriod[][] = plan.conditions.map(() => []);
  const chunk = createChunkDerivation(plan, new Map(spec.signals.map((s) => [s.name, s.type])), {
    first: spec.first,
    onPeriod: (i, p) => void periods[i]!.push(p),
  });
  let edges: ConditionEdges[] | null = null;
  return {
    add(batch) {
      const n = batch.rowCount;
      const from = batch.timestamps[0]! >= spec.from ? 0 : rowAtOrAfter(batch.timestamps, spec.from, 0, n);
      if (from > 0) chunk.warm(from === n ? batch : sliceBatch(batch, 0, from));
      return from < n ? [chunk.push(from === 0 ? batch : sliceBatch(batch, from, n))] : [];
    },
    finish() {
      edges = chunk.finish().conditions;
      return [];
    },
    async close() {
      if (!spec.periods) return;
      const body: ChunkPeriods = { periods, edges: edges ?? chunk.finish().conditions };
      // Written whole then renamed: a chunk recorded done always finds its periods complete.
      await writeFile(`${spec.periods}.tmp`, JSON.stringify(body));
      await rename(`${spec.periods}.tmp`, spec.periods);
    },
  };
}
