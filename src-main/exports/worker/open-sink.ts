import { createChunkSink } from '../../store/chunk-sink';
import type { BatchSink } from '../output/batch-sink';
import { createDatasetSink } from '../output/dataset-sink';
import { createParquetSink } from '../output/parquet-sink';
import { createTextSink } from '../output/text-sink';
import type { SinkSpec } from './worker-protocol';

/** The chunk's store and summary as one more sink of its batches. */
async function openPreview(spec: Extract<SinkSpec, { kind: 'preview' }>): Promise<BatchSink> {
  const sink = await createChunkSink(spec.dir, spec.columns, spec.blockRows);
  return {
    add: (batch) => sink.append(batch),
    async finish() {
      await sink.finish();
      return { bytes: 0, files: [] };
    },
    abort: () => sink.abort(),
  };
}

/** Opens the sink a task names (the session decides which: see src-main/exports/session/read-task.ts). */
export async function openSink(spec: SinkSpec): Promise<BatchSink> {
  switch (spec.kind) {
    case 'text':
      return createTextSink(spec.path, { format: spec.format, columns: spec.columns, text: spec.text, segment: true });
    case 'parquet':
      return createParquetSink(spec.path, spec.columns);
    case 'dataset':
      return createDatasetSink(spec.dir, spec.part, spec.columns);
    case 'preview':
      return openPreview(spec);
  }
}
