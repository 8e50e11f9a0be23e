import type { RowBatch } from '../../formats/row-batch';
import { createAggregator } from '../../transform/aggregator';
import { openDeriveStage } from './derive-stage';
import type { TransformSpec } from './worker-protocol';

/*
 * The transform slot of a task, between the decoder and the sinks: each spec of the task opens one
 * stage, and a batch goes through them in order. A stage may hold rows back (an aggregation keeps
 * its open bucket) and give them at the end of the stream. Derived columns and conditions come
 * first (worker/derive-stage.ts), so that an aggregation rolls them up like any column.
 */

export interface BatchTransform {
  /** The rows this batch makes ready (none, one or more batches). */
  add(batch: RowBatch): RowBatch[];
  /** What was held back, once the stream has ended. */
  finish(): RowBatch[];
  /** After `finish`: what a stage keeps beside the rows is written (a chunk's condition periods). */
  close?(): Promise<void>;
}

function openStage(spec: TransformSpec): BatchTransform {
  switch (spec.kind) {
    case 'aggregate': {
      const agg = createAggregator(spec.values, spec.columns);
      const some = (b: RowBatch | null) => (b?.rowCount ? [b] : []);
      return { add: (batch) => some(agg.add(batch)), finish: () => some(agg.finish()) };
    }
    case 'derive':
      return openDeriveStage(spec);
  }
}

/** The stages of `specs` as one (none: the batches as they are). */
export function openTransforms(specs: readonly TransformSpec[]): Required<BatchTransform> {
  const stages = specs.map(openStage);
  return {
    close: async () => {
      for (const stage of stages) await stage.close?.();
    },
    add: (batch) => stages.reduce<RowBatch[]>((out, stage) => out.flatMap((b) => stage.add(b)), [batch]),
    // What a stage held back goes through the stages after it before they finish in turn.
    finish: () => stages.reduce<RowBatch[]>((carry, stage) => [...carry.flatMap((b) => stage.add(b)), ...stage.finish()], []),
  };
}
