import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadPath, type ChunkRecord } from '../../manifest/manifest';
import { outputColumns } from '../../output/columns';
import { atomicWrite, type SavedFile } from '../../save/atomic-save';
import { buildExportRecord, buildSheetRecord, writeExportRecord } from '../../save/export-record';
import { recordFacts } from '../../save/record-facts';
import type { OutputSpecs } from '../export-session';
import { assembleFile } from './assemble-file';
import { checkExcelEstimate } from './excel-rows';
import { quietOutput, type OutputContext, type SessionOutput } from './session-output';

/*
 * One file from the chunks: each chunk is read in the worker into a segment of the file
 * (`segments/NNNN.csv` in the work folder), and the file is put together from the segments in
 * time order while later chunks still run, through a temporary file that takes the output's name
 * only once complete (atomicWrite), then its export record beside it.
 */

type FileSpec = NonNullable<OutputSpecs['file']>;

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/**
 * Whether a chunk's download is itself its piece of the file, so that the worker writes no
 * segment: raw parquet saved as parquet (its row groups are joined) or as Excel (read from it).
 * Saving in the held format by a copy or a rename of the download belongs here too.
 */
function downloadIsPiece(ctx: OutputContext, file: FileSpec): boolean {
  // Derived columns are not in the download: they are written into segments like an aggregation.
  const derived = !!ctx.request.derivations?.derived.length;
  return (
    (file.format === 'parquet' || file.format === 'xlsx') &&
    ctx.request.format === 'parquet' &&
    ctx.request.values.kind === 'raw' &&
    !derived
  );
}

export function fileOutput(ctx: OutputContext, file: FileSpec): SessionOutput {
  const columns = outputColumns(ctx.request);
  const text = file.format === 'csv' || file.format === 'json' ? file.format : null;
  const fromDownload = downloadIsPiece(ctx, file);
  const segmentPath = (c: Pick<ChunkRecord, 'name'>) => join(ctx.dir, 'segments', `${c.name}.${text ?? 'parquet'}`);
  const piecePath = (c: ChunkRecord) => (fromDownload ? downloadPath(ctx.dir, c, ctx.request.format) : segmentPath(c));
  const window = { start: Date.parse(ctx.request.timeWindow.start), end: Date.parse(ctx.request.timeWindow.end) };
  const options = { format: file.format, layout: 'file' as const, ...file.text };
  let saved: SavedFile | null = null;

  return {
    ...quietOutput,
    key: { kind: 'file', path: file.path, format: file.format, text: file.format === 'parquet' ? null : file.text },
    prepare: () => mkdir(join(ctx.dir, 'segments'), { recursive: true }).then(() => undefined),
    sink(c) {
      if (text) return { kind: 'text', path: segmentPath(c), format: text, columns: columns.map((x) => x.name), text: file.text };
      return fromDownload ? null : { kind: 'parquet', path: segmentPath(c), columns };
    },
    intact: (c) => exists(piecePath(c)),
    planned: (m) => {
      if (file.format === 'xlsx') checkExcelEstimate(m);
    },
    async run(inOrder, signal) {
      const pieces = (async function* () {
        for await (const c of inOrder) if (c.rows) yield piecePath(c);
      })();
      const assemble = {
        text: file.text,
        window,
        // The workbook's "Export" sheet, asked for once every row is written.
        record: () => {
          const m = ctx.manifest();
          return buildSheetRecord(file.path, recordFacts(m, m.chunks, { options, appVersion: ctx.appVersion }), ctx.now());
        },
      };
      saved = await atomicWrite(file.path, assembleFile(file.format, columns, assemble, pieces), { overwrite: file.overwrite, signal });
    },
    async finish(chunks) {
      const facts = recordFacts(ctx.manifest(), chunks, { options, appVersion: ctx.appVersion });
      const written = file.written ? { written: file.written } : {};
      await writeExportRecord(buildExportRecord(saved!, { ...facts, ...written }, ctx.now()), saved!.path);
      return { kind: 'file', saved: saved! };
    },
  };
}
